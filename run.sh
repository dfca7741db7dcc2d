#!/usr/bin/env bash
# Sets up the checkout and starts the dashboard at http://localhost:8501.
# Reads the bundled demo workbook unless DASHBOARD_SOURCE names another source.
# Extra arguments go to `streamlit run` (e.g. ./run.sh --server.port 8600).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
