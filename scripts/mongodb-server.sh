#!/usr/bin/env bash
# Starts or stops a local MongoDB wire-protocol server whose files all live in STATE_DIR:
# `mongod` when it is on PATH, else nx-27017 (PyPI, stores in SQLite) from .flightql/venv.
#   scripts/mongodb-server.sh start STATE_DIR [DATABASE]   prints the URI once the server accepts connections
#   scripts/mongodb-server.sh stop STATE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:?usage: $0 start|stop STATE_DIR [DATABASE]}
state=${2:?usage: $0 start|stop STATE_DIR [DATABASE]}
database=${3:-flightql}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

accepting() {
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" 2>/dev/null
}

case "$cmd" in
start)
    mkdir -p "$state/data"
    port=$(free_port)
    if command -v mongod >/dev/null; then
        mongod --dbpath "$state/data" --port "$port" --bind_ip 127.0.0.1 --fork \
            --logpath "$state/server.log" --pidfilepath "$state/server.pid" >/dev/null
    else
        scripts/setup.sh python >&2
        .flightql/venv/bin/nx-27017 --daemon --host 127.0.0.1 --port "$port" --data-dir "$state/data" \
            --pid-file "$state/server.pid" --log-file "$state/server.log" >/dev/null 2>&1
    fi
    for _ in $(seq 1 100); do
        if accepting "$port"; then
            echo "$port" >"$state/port"
            echo "mongodb://127.0.0.1:$port/$database"
            exit 0
        fi
        sleep 0.2
    done
    echo "MongoDB server did not start; see $state/server.log" >&2
    exit 1
    ;;
stop)
    [ -f "$state/server.pid" ] || exit 0
    pid=$(cat "$state/server.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$state/server.pid"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR [DATABASE]" >&2
    exit 2
    ;;
esac
