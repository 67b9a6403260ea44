#!/usr/bin/env bash
# Section overhead: what the production guards cost (issue 8: "the limits and metrics cost ≤ 5% of Q1's
# requests/s"). The peers' Q1 against `flightql serve` (release) in three configurations: its defaults (metrics,
# access log, operation limits, token limit, read time-outs, execution time-out); *guards off* (FLIGHTQL_METRICS=false
# and every operation, token and read limit 0; the execution time-out stays on because turning it off runs the
# operation in the handler's own task, which measured slower, not faster, and would hide the guards' cost); and
# *no access log* (the defaults at log level warning), the cost of the one JSON log line per request. The
# configurations alternate OVERHEAD_ROUNDS (3) times, each run a fresh server, WARMUP (2) s of wrk then DURATION
# (10) s measured at OVERHEAD_CONNS (64) connections. Reported: median req/s, p99, and the
# server's CPU time per request (utime + stime from /proc over the measured run), which the shared machine's noise
# moves less than req/s. Env: FLIGHTQL_BIN (use this flightql, not a release build), FLIGHTQL_DB, THREADS (2).
set -euo pipefail
source "$ROOT/bench/common.sh"

OVERHEAD_ROUNDS=${OVERHEAD_ROUNDS:-3} OVERHEAD_CONNS=${OVERHEAD_CONNS:-64}
DURATION=${DURATION:-10} WARMUP=${WARMUP:-2} THREADS=${THREADS:-2}
raw=$WORK/overhead
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.log
ensure_wrk

db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
use_flightql "$db"
flightql_origin=$FLIGHTQL_ORIGIN

lua=$raw/q1.lua
python3 - "$PEERS/queries/q1.graphql" >"$raw/q1.json" <<'PY'
import json, sys
print(json.dumps({"query": open(sys.argv[1]).read()}))
PY
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$raw/q1.json"); wrk.body = f:read("*a"); f:close()
LUA

guards_off=(FLIGHTQL_METRICS=false FLIGHTQL_MAX_DEPTH=0 FLIGHTQL_MAX_ALIASES=0 FLIGHTQL_MAX_SELECTIONS=0
    FLIGHTQL_MAX_COST=0 FLIGHTQL_MAX_TOKENS=0 FLIGHTQL_HEAD_TIMEOUT_MS=0 FLIGHTQL_BODY_TIMEOUT_MS=0)
no_access_log=(FLIGHTQL_LOG_LEVEL=warning)

# run_config LABEL ROUND [ENV...]: one server, one warm-up, one measured run; appends "label rps p99_ms cpu_us" to
# $raw/runs.txt.
run_config() {
    local label=$1 round=$2
    shift 2
    local port pid t0 t1 out requests rps p99
    port=$(free_port)
    env "$@" "$FLIGHTQL_BIN" serve --host 127.0.0.1 --port "$port" --db "$db" >"$raw/$label-$round.log" 2>&1 &
    pid=$!
    if ! wait_http "http://127.0.0.1:$port/graphql" 60 "$pid"; then
        echo "NOT RUN: $label did not start" >>"$raw/runs.txt"
        kill "$pid" 2>/dev/null || true
        return
    fi
    wrk -t"$THREADS" -c"$OVERHEAD_CONNS" -d"${WARMUP}s" -s "$lua" "http://127.0.0.1:$port/graphql" >/dev/null
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(wrk -t"$THREADS" -c"$OVERHEAD_CONNS" -d"${DURATION}s" --latency -s "$lua" "http://127.0.0.1:$port/graphql")
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$out" >"$raw/$label-$round.txt"
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; print v}')
    if echo "$out" | grep -qE 'Non-2xx|Socket errors'; then
        echo "$label: $(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ')" >>"$raw/errors.txt"
    fi
    echo "$label $rps $p99 $(awk -v ticks=$((t1 - t0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.1f", ticks / hz * 1e6 / n}')" >>"$raw/runs.txt"
    bench_log "overhead: $label round $round: $rps req/s"
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$OVERHEAD_ROUNDS"); do
    run_config defaults "$round"
    run_config guards-off "$round" "${guards_off[@]}"
    run_config no-access-log "$round" "${no_access_log[@]}"
done

python3 - "$raw/runs.txt" "$raw/errors.txt" >"$RESULTS_DIR/overhead.md" <<PY
import statistics, sys, os
runs = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 4: continue
    runs.setdefault(parts[0], []).append(tuple(map(float, parts[1:])))
def med(label, i): return statistics.median(r[i] for r in runs[label])
print("## Overhead of the production guards (Q1)")
print()
print("Run $(date -u +'%Y-%m-%d %H:%M UTC'); load average at the start $load_at_start (1, 5, 15 min). $flightql_origin;")
print("$OVERHEAD_ROUNDS alternating rounds of each configuration, wrk -t$THREADS -c$OVERHEAD_CONNS, ${DURATION} s after ${WARMUP} s of warm-up, a fresh")
print("server per run. *guards off*: FLIGHTQL_METRICS=false and every operation limit, the token limit and the read")
print("time-outs 0 (the execution time-out stays on: see bench/README.md). *no access log*: the defaults at log level warning.")
print()
print("| configuration | runs (req/s) | median req/s | median p99 ms | median server CPU µs per request |")
print("| --- | --- | ---: | ---: | ---: |")
for label in ("defaults", "guards-off", "no-access-log"):
    if label not in runs: continue
    print(f"| {label} | {', '.join(f'{r[0]:,.0f}' for r in runs[label])} | {med(label, 0):,.0f} | {med(label, 1):.1f} | {med(label, 2):.1f} |")
if "defaults" in runs and "guards-off" in runs:
    cost_rps = 1 - med("defaults", 0) / med("guards-off", 0)
    cost_cpu = med("defaults", 2) / med("guards-off", 2) - 1
    print()
    print(f"Cost of the limits and metrics: {cost_rps:.1%} of Q1's requests/s (medians), {cost_cpu:.1%} more server CPU per request.")
    print(f"Target (issue 8): ≤ 5% of Q1's requests/s: **{'met' if cost_rps <= 0.05 else 'missed'}** (one run; the spread of")
    print("each configuration's runs shows the noise).")
if "defaults" in runs and "no-access-log" in runs:
    print(f"Cost of the access log: {1 - med('defaults', 0) / med('no-access-log', 0):.1%} of Q1's requests/s, "
          f"{med('defaults', 2) / med('no-access-log', 2) - 1:.1%} more server CPU per request.")
errors = sys.argv[2]
if os.path.exists(errors):
    print()
    print("Errors: " + " ".join(open(errors).read().split()))
PY
cat "$RESULTS_DIR/overhead.md"
