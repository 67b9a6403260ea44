#!/usr/bin/env bash
# Installs what FlightQL needs on a Debian machine with Swift.
#   scripts/setup.sh system   the C libraries' -dev packages (apt-get when root, else prints the command)
#   scripts/setup.sh test     what only the tests need: headless Chromium for the drift page and console checks,
#                             promtool (Debian package prometheus) for the Prometheus config check
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
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v promtool >/dev/null || missing+=(prometheus)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "the tests need these Debian packages: ${missing[*]} (sudo apt-get install -y --no-install-recommends ${missing[*]})" >&2
        echo "without chromium the drift page and console checks are skipped; without prometheus (promtool) scripts/check-static.sh fails" >&2
        return 0
    fi
    apt-get update -qq
    if [[ " ${missing[*]} " == *" chromium "* ]]; then
        echo "installing chromium (headless checks of the drift page and the console)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    if [[ " ${missing[*]} " == *" prometheus "* ]]; then
        echo "installing prometheus (promtool for scripts/check-static.sh)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
        # Only promtool is wanted: where systemd runs, the server that the package starts is stopped and disabled.
        if [ -d /run/systemd/system ]; then systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
    fi
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
