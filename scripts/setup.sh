#!/usr/bin/env bash
# Prepares a checkout to run: the .venv with the pinned requirements and, with
# --browser, Debian's chromium for the browser tests.
#
# With --browser it also installs LibreOffice Writer and Calc (headless) and poppler-utils, which
# the report test uses to turn the Word report into a PDF and a page image, and the reader tests
# to save the demo as .xls and .ods; and Debian's postgresql, whose initdb/pg_ctl the history tests
# use to start a throwaway server on 127.0.0.1.
#
# Usage: scripts/setup.sh [--browser]
# Called by ./run.sh and ./test.sh; safe to run again (it only reinstalls when the
# requirements files changed). It never runs `playwright install`: the browser
# tests drive the system chromium, so nothing is downloaded outside the OS and pip.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.requirements.sha256"
CHROMIUM="/usr/bin/chromium"

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "setup.sh: unknown option: $arg" >&2; exit 2 ;;
  esac
done

say() { echo "[setup] $*" >&2; }

# Debian packages are installed with apt-get, as root or through sudo. `can_apt` answers whether that
# is possible here (and sets `as_root`); `apt_install PACKAGE…` updates the lists and installs.
as_root=()
can_apt() {
  as_root=()
  command -v apt-get >/dev/null 2>&1 || return 1
  [[ "$(id -u)" == 0 ]] && return 0
  command -v sudo >/dev/null 2>&1 || return 1
  as_root=(sudo)
}
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  ${as_root[@]+"${as_root[@]}"} apt-get update -qq
  ${as_root[@]+"${as_root[@]}"} apt-get install -y -qq "$@"
}

# --- Python environment -------------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
  say "creating $VENV"
  python3 -m venv "$VENV"
fi

# The stamp covers the three files: requirements-dev.txt pulls in requirements.txt; the lock pins both.
wanted="$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" "$ROOT/requirements.lock" | sha256sum | cut -d' ' -f1)"
installed="$(cat "$STAMP" 2>/dev/null || true)"
if [[ "$wanted" != "$installed" ]]; then
  say "installing requirements-dev.txt into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # The lock pins every package to what the tests ran against (requirements.txt keeps the bounds).
  "$VENV/bin/python" -m pip install --quiet -r "$ROOT/requirements-dev.txt" -c "$ROOT/requirements.lock"
  echo "$wanted" > "$STAMP"
fi

# --- Chromium for the browser tests -----------------------------------------------
if [[ "$want_browser" == 1 && ! -x "$CHROMIUM" ]]; then
  if ! can_apt; then
    say "$CHROMIUM is missing and cannot be installed here (needs apt-get, and root or sudo)."
    say "Install Debian's 'chromium' package; until then the browser tests are skipped (and fail under CI)."
  else
    say "installing Debian's chromium for the browser tests"
    packages=(chromium)
    # Fonts with Vietnamese glyphs and emoji, so screenshots show text rather than boxes; optional.
    for font in fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji; do
      if apt-cache show "$font" >/dev/null 2>&1; then
        packages+=("$font")
      fi
    done
    apt_install "${packages[@]}"
  fi
fi

# --- LibreOffice and poppler for the report test (Word → PDF → page image) ---------
# Calc too: the reader tests save the demo as .xls and .ods the way an office's LibreOffice does.
has_calc() { dpkg-query -W -f='${Status}\n' libreoffice-calc-nogui libreoffice-calc 2>/dev/null | grep -q "install ok installed"; }
if [[ "$want_browser" == 1 ]] && ! { command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && has_calc; }; then
  if ! can_apt; then
    say "soffice or pdftoppm is missing and cannot be installed here (needs apt-get, and root or sudo)."
    say "Install Debian's 'libreoffice-writer-nogui', 'libreoffice-calc-nogui' and 'poppler-utils'; until then the PDF and .xls/.ods tests are skipped (and fail under CI)."
  else
    say "installing LibreOffice Writer and Calc (headless) and poppler-utils for the report and reader tests"
    packages=(poppler-utils)
    # The no-GUI build when the release has it; both provide `soffice --headless`.
    if apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
      packages+=(libreoffice-writer-nogui libreoffice-calc-nogui)
    else
      packages+=(libreoffice-writer libreoffice-calc)
    fi
    # Liberation Serif has Times New Roman's metrics and every Vietnamese letter.
    if apt-cache show fonts-liberation >/dev/null 2>&1; then
      packages+=(fonts-liberation)
    fi
    apt_install --no-install-recommends "${packages[@]}"
  fi
fi

# --- PostgreSQL for the history tests (a throwaway cluster each run: initdb/pg_ctl on 127.0.0.1) --------
# The binaries only: Debian's package also starts a cluster of its own, which the tests never use.
has_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1; }
if [[ "$want_browser" == 1 ]] && ! has_postgres; then
  if ! can_apt; then
    say "PostgreSQL (initdb, pg_ctl) is missing and cannot be installed here (needs apt-get, and root or sudo)."
    say "Install Debian's 'postgresql'; until then the PostgreSQL history tests are skipped (and fail under CI)."
  else
    say "installing Debian's postgresql for the history tests"
    apt_install --no-install-recommends postgresql
  fi
fi
