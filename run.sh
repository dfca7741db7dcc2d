#!/usr/bin/env bash
# Sets up the checkout and starts the dashboard at http://localhost:8501.
# Reads the geography's demo workbook unless DASHBOARD_SOURCE names another source; DASHBOARD_GEOGRAPHY
# names the province's folder (default: the bundled one, see data/SOURCES.md).
# Extra arguments go to `streamlit run` (e.g. ./run.sh --server.port 8600).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh
# The geography folder (DASHBOARD_GEOGRAPHY, default the bundled one) is checked before the server starts
# (a wrong folder is named, in Vietnamese, and nothing starts); a folder without a demo.xlsx gets one.
.venv/bin/python -m lib check-geography --write-demo
exec .venv/bin/python serve.py "$@"  # `streamlit run app.py`, with the sheet read while the server starts
