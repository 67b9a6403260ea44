#!/usr/bin/env bash
# A throw-away MongoDB wire-protocol server for tests and `make run`.
#   scripts/mongodb-test-server.sh start   start it (if not running) and print its URI
#   scripts/mongodb-test-server.sh stop    stop it (its data stays for the next start)
#   scripts/mongodb-test-server.sh uri     print the URI of the running server (exit 1 if none)
# Uses `mongod` when it is on PATH, else nx-27017 (a wire-protocol server storing in SQLite) from
# .flightql/venv, which is created with scripts/setup.sh python when missing.
# State (pid, log, data, port) lives in $FLIGHTQL_MONGO_TEST_DIR (default .flightql/mongo-test), so
# several independent servers can run side by side. A restarted server reuses its port and data.
# $FLIGHTQL_MONGO_TEST_PORT fixes the port of a first start; otherwise a free one is picked.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${FLIGHTQL_MONGO_TEST_DIR:-$root/.flightql/mongo-test}"
database=flightql_test

running_pid() {
    [ -f "$dir/pid" ] || return 1
    local pid
    pid="$(cat "$dir/pid" 2>/dev/null)" || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

uri() {
    running_pid >/dev/null || { echo "no test MongoDB server is running (state in $dir)" >&2; return 1; }
    echo "mongodb://127.0.0.1:$(cat "$dir/port")/$database"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

accepting() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    if running_pid >/dev/null; then uri; return; fi
    mkdir -p "$dir/data"
    local port
    if [ -n "${FLIGHTQL_MONGO_TEST_PORT:-}" ]; then
        port="$FLIGHTQL_MONGO_TEST_PORT"
    elif [ -f "$dir/port" ] && ! accepting "$(cat "$dir/port")"; then
        port="$(cat "$dir/port")"
    else
        port="$(free_port)"
    fi
    echo "$port" >"$dir/port"
    if command -v mongod >/dev/null; then
        setsid mongod --bind_ip 127.0.0.1 --port "$port" --dbpath "$dir/data" --logpath "$dir/log" \
            </dev/null >/dev/null 2>&1 &
    else
        local server="$root/.flightql/venv/bin/nx-27017"
        [ -x "$server" ] || "$root/scripts/setup.sh" python >&2
        setsid "$server" --host 127.0.0.1 --port "$port" --data-dir "$dir/data" \
            --pid-file "$dir/nx.pid" --log-file "$dir/log" </dev/null >>"$dir/out" 2>&1 &
    fi
    echo $! >"$dir/pid"
    for _ in $(seq 1 150); do
        if accepting "$port"; then uri; return; fi
        if ! running_pid >/dev/null; then
            echo "the test MongoDB server exited; its log:" >&2
            tail -n 20 "$dir/log" "$dir/out" >&2 2>/dev/null || true
            return 1
        fi
        sleep 0.1
    done
    echo "the test MongoDB server did not accept connections on port $port within 15 s" >&2
    stop
    return 1
}

stop() {
    local pid
    pid="$(running_pid)" || { rm -f "$dir/pid"; return 0; }
    kill "$pid"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$dir/pid"; return 0; }
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    uri) uri ;;
    *) echo "usage: $0 start|stop|uri" >&2; exit 2 ;;
esac
