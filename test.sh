#!/usr/bin/env bash
# Sets up the checkout (chromium included) and runs the whole test suite, browser
# tests too, in parallel (pytest.ini: -n auto). Extra arguments go to pytest
# (e.g. ./test.sh tests/browser -x; ./test.sh -m "not browser" for the fast local loop;
# -n 0 for one process).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh --browser
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [[ "$status" == 5 ]]; then
  # pytest's "no tests were collected": a wrong path or a broken conftest, not a pass.
  echo "test.sh: pytest collected no tests; treating that as a failure" >&2
  exit 1
fi
exit "$status"
