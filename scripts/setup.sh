#!/usr/bin/env bash
# Installs what FlightQL needs on a Debian machine with Swift.
#   scripts/setup.sh system   the C libraries' -dev packages (apt-get when root, else prints the command)
#   scripts/setup.sh test     what only the tests need: headless Chromium for the drift page and console checks
#   scripts/setup.sh python   .flightql/venv with the Python tools of scripts/requirements.txt
set -euo pipefail
cd "$(dirname "$0")/.."

system() {
    local missing=()
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
    pkg-config --exists libmongoc-1.0 2>/dev/null || missing+=(libmongoc-dev)
    pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
    pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "FlightQL needs these Debian packages: ${missing[*]}" >&2
        echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

test() {
    command -v chromium >/dev/null && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "the drift page and console tests are skipped without chromium (sudo apt-get install -y chromium)" >&2
        return 0
    fi
    echo "installing chromium (headless checks of the drift page and the console)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

python() {
    local venv=.flightql/venv stamp=.flightql/venv/.requirements
    if [ -f "$stamp" ] && cmp -s scripts/requirements.txt "$stamp"; then return 0; fi
    echo "preparing $venv (scripts/requirements.txt)"
    mkdir -p .flightql
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/requirements.txt
    cp scripts/requirements.txt "$stamp"
}

case "${1:-}" in
    system) system ;;
    test) test ;;
    python) python ;;
    *) echo "usage: $0 system|test|python" >&2; exit 2 ;;
esac
