#!/usr/bin/env bash
# What metrics cost: Q1 requests/s of one flightql binary with FLIGHTQL_METRICS=true and =false, side by side.
#
#     bench/metrics-overhead.sh [FLIGHTQL_BIN]      (default: the release build; build it first)
#
# Runs ROUNDS rounds (default 3), each one wrk run per setting in alternating order, so a change of the
# machine's load falls on both; prints each run and the median requests/s per setting and their ratio.
# Env: ROUNDS, DURATION (s per run, default 10), WARMUP (s, default 2), CONNS (default 16), THREADS (default 2),
#      FLIGHTQL_DB (default .flightql/flightql.sqlite). Logs go to /dev/null in both settings.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$(swift build -c release --show-bin-path)/flightql}
DB=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-2}; CONNS=${CONNS:-16}; THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no flightql binary at $BIN" >&2; exit 1; }
TMP=$(mktemp -d); trap 'kill "$PID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
PID=
cat > "$TMP/q1.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ airline(code: \\"UA\\") { code name } }"}'
LUA
port=$((20000 + RANDOM % 20000))

run() {  # run SETTING -> prints requests/s
    FLIGHTQL_METRICS=$1 FLIGHTQL_LOG_FORMAT=json "$BIN" serve --port "$port" --db "$DB" >/dev/null 2>&1 &
    PID=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$TMP/q1.lua" "http://127.0.0.1:$port/graphql" >/dev/null
    wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -s "$TMP/q1.lua" "http://127.0.0.1:$port/graphql" \
        | awk '/Requests\/sec/ {print $2}'
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

on=(); off=()
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order="true false"; else order="false true"; fi
    for setting in $order; do
        rps=$(run "$setting")
        echo "round $round metrics=$setting: $rps req/s"
        if [ "$setting" = true ]; then on+=("$rps"); else off+=("$rps"); fi
    done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_on=$(median "${on[@]}"); m_off=$(median "${off[@]}")
echo "median: metrics on $m_on req/s, off $m_off req/s, on/off $(awk -v a="$m_on" -v b="$m_off" 'BEGIN {printf "%.3f", a / b}')"
