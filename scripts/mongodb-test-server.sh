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
    local server=()
    if command -v mongod >/dev/null; then
        server=(mongod --bind_ip 127.0.0.1 --port "$port" --dbpath "$dir/data" --logpath "$dir/log")
    else
        local nx="$root/.flightql/venv/bin/nx-27017"
        [ -x "$nx" ] || "$root/scripts/setup.sh" python >&2
        server=("$nx" --host 127.0.0.1 --port "$port" --data-dir "$dir/data"
            --pid-file "$dir/nx.pid" --log-file "$dir/log")
    fi
    (
        # Close inherited descriptors (a caller's pipes, make's job server): a server holding them open
        # would keep the caller waiting for an end of file that never comes.
        for fd in /proc/self/fd/*; do
            fd="${fd##*/}"
            [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
        done
        # A new session, and no blocked signals: a caller's thread (a Swift test's) may block SIGTERM,
        # and a server inheriting that mask could not be stopped.
        exec python3 -c 'import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, set())
os.setsid()
os.execvp(sys.argv[1], sys.argv[1:])' "${server[@]}" </dev/null >>"$dir/out" 2>&1
    ) &
    echo $! >"$dir/pid"
    for _ in $(seq 1 300); do
        if accepting "$port"; then uri; return; fi
        if ! running_pid >/dev/null; then
            echo "the test MongoDB server exited; its log:" >&2
            tail -n 20 "$dir/log" "$dir/out" >&2 2>/dev/null || true
            return 1
        fi
        sleep 0.1
    done
    echo "the test MongoDB server did not accept connections on port $port within 30 s" >&2
    stop
    return 1
}

stop() {
    local pid
    pid="$(running_pid)" || { rm -f "$dir/pid"; return 0; }
    kill "$pid"
    for _ in $(seq 1 50); do
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
