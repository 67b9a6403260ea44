#!/usr/bin/env bash
# Section http: the peers' Q1, Q2, Q3 over HTTP with the peers' wrk harness (../shared/bench-peers/bench.sh) against
# `flightql serve` (release), the ariadne peer (uvicorn, 2 workers) and the Hummingbird limit server, one server at a
# time, each on a free port; and `predictDelay` against FlightQL only (the peers do not implement it), served with a
# model `flightql train` writes into the section's folder, measured the same way (bench.sh takes its queries from the
# peers' folder only, so wrk runs here with the peers' bench.lua). Env: CONNS ("16 64"), DURATION (10), WARMUP (2), THREADS (2): passed to bench.sh;
# FLIGHTQL_BIN (use this flightql instead of building release), FLIGHTQL_DB (.flightql/flightql.sqlite).
set -euo pipefail
source "$ROOT/bench/common.sh"

export CONNS=${CONNS:-"16 64"} DURATION=${DURATION:-10} WARMUP=${WARMUP:-2} THREADS=${THREADS:-2}
raw=$WORK/http
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.log "$raw"/*.json
queries=(q1 q2 q3)
# predictDelay as a client calls it: distance and weather looked up, the whole explanation.
python3 - "$raw/predictDelay.json" <<'PY'
import json, sys
json.dump({"query": "query PredictDelay($input: DelayInput!) { predictDelay(input: $input) { probability delayed "
           "expectedDelayMinutes modelVersion explanation { feature value condition satisfied } } }",
           "variables": {"input": {"carrier": "UA", "origin": "EWR", "destination": "ORD",
                                   "scheduledDeparture": "2013-06-01T17:00:00Z"}}}, open(sys.argv[1], "w"))
PY

ensure_venv
ensure_wrk

pids=()
stop_servers() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap stop_servers EXIT

# bench_server LABEL URL PID QUERY...: waits for the server, then runs bench.sh; its output goes to $raw/LABEL.txt.
bench_server() {
    local label=$1 url=$2 pid=$3
    shift 3
    if ! wait_http "$url" 120 "$pid"; then
        local why="did not answer on $url within 120 s"
        kill -0 "$pid" 2>/dev/null || why="exited before answering: $(grep -m1 -v '^\s*$' "$raw/$label.log" | cut -c1-160)"
        echo "NOT RUN: $label $why (log: ${raw#"$ROOT"/}/$label.log)" | tee "$raw/$label.txt"
        return
    fi
    "$PEERS/bench.sh" "$url" "$label" "$@" | tee "$raw/$label.txt" || echo "FAILED: bench.sh exited $?" >>"$raw/$label.txt"
}

# bench_body LABEL URL NAME BODY_FILE: what bench.sh does for one query, for a request body of our own: a curl check
# of the answer, then per connection count a warm-up and a measured wrk run; its lines go to $raw/LABEL.txt.
bench_body() {
    local label=$1 url=$2 name=$3 body=$4 code check c result n rps p50 p99 non2xx sockerr
    code=$(curl -s -o "$raw/$name.response.json" -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary @"$body" "$url" || true)
    check=$(python3 - "$raw/$name.response.json" "$code" <<'PY'
import json, os, sys
path, code = sys.argv[1:]
try:
    r = json.load(open(path))
except ValueError:
    print(f"FAIL http={code} size={os.path.getsize(path)} not JSON"); sys.exit()
ok = code == "200" and isinstance(r, dict) and "errors" not in r and r.get("data") is not None
print(f"{'ok' if ok else 'FAIL'} http={code} size={os.path.getsize(path)} B" + ("" if ok else " " + json.dumps(r.get("errors", r))[:200]))
PY
)
    echo "$label $name check: $check" | tee -a "$raw/$label.txt"
    for c in $CONNS; do
        BODY_FILE=$body wrk -t"$THREADS" -c"$c" -d"${WARMUP}s" --timeout 10s -s "$PEERS/bench.lua" "$url" >/dev/null
        result=$(BODY_FILE=$body wrk -t"$THREADS" -c"$c" -d"${DURATION}s" --timeout 10s -s "$PEERS/bench.lua" "$url" |
            grep '^RESULT' || true)
        if [ -z "$result" ]; then
            echo "FAILED: wrk gave no result for $name at $c connections" | tee -a "$raw/$label.txt"
            continue
        fi
        read -r _ n rps p50 p99 non2xx sockerr <<<"$result"
        printf '%-8s %-3s c=%-3s %9.1f req/s  p50 %8.2f ms  p99 %8.2f ms  non2xx %s  sockerr %s  (n=%s)\n' \
            "$label" "$name" "$c" "$rps" "$p50" "$p99" "$non2xx" "$sockerr" "$n" | tee -a "$raw/$label.txt"
    done
}

# ------------------------------------------------------------------------------------------------ FlightQL
db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
flightql_origin="release build of this work tree"
if [ -n "${FLIGHTQL_BIN:-}" ]; then
    flightql_origin="\`$FLIGHTQL_BIN\` given by FLIGHTQL_BIN, NOT necessarily a release build: not figures to quote"
else
    build_flightql_release || { FLIGHTQL_BIN=; echo "NOT RUN: flightql does not build (release)" >"$raw/flightql.txt"; }
fi
if [ -n "${FLIGHTQL_BIN:-}" ]; then
    if [ ! -s "$db" ]; then
        bench_log "ingesting data/ into $db"
        if ! "$FLIGHTQL_BIN" ingest --db "$db" --data "$ROOT/data" >&2; then
            echo "NOT RUN: flightql ingest failed" >"$raw/flightql.txt"
            FLIGHTQL_BIN=
        fi
    fi
fi
if [ -n "${FLIGHTQL_BIN:-}" ] && ! "$FLIGHTQL_BIN" train --db "$db" --out "$raw/model.json" >"$raw/train.log" 2>&1; then
    echo "NOT RUN: flightql train failed (log: ${raw#"$ROOT"/}/train.log)" >"$raw/flightql.txt"
    FLIGHTQL_BIN=
fi
if [ -n "${FLIGHTQL_BIN:-}" ]; then
    port=$(free_port)
    bench_log "flightql serve on port $port ($FLIGHTQL_BIN)"
    "$FLIGHTQL_BIN" serve --host 127.0.0.1 --port "$port" --db "$db" --model "$raw/model.json" >"$raw/flightql.log" 2>&1 &
    pids=($!)
    bench_server flightql "http://127.0.0.1:$port/graphql" "${pids[0]}" "${queries[@]}"
    if kill -0 "${pids[0]}" 2>/dev/null; then
        bench_body flightql "http://127.0.0.1:$port/graphql" predictDelay "$raw/predictDelay.json"
    fi
    stop_servers
fi

# ------------------------------------------------------------------------------------------------ ariadne peer
peer_data=$ROOT/.flightql/bench-data
peer_db=$peer_data/peer.sqlite
if [ ! -s "$peer_db" ]; then
    csvs=$(ensure_csvs)
    bench_log "building the peer's SQLite with load_sqlite.py"
    PYTHONDONTWRITEBYTECODE=1 python3 "$PEERS/load_sqlite.py" "$csvs" "$peer_db.tmp" >&2
    mv "$peer_db.tmp" "$peer_db"
fi
port=$(free_port)
bench_log "ariadne peer (uvicorn, 2 workers) on port $port"
(cd "$PEERS" && PEER_DB="$peer_db" PYTHONDONTWRITEBYTECODE=1 exec "$VENV/bin/uvicorn" ariadne_peer.app:app --workers 2 \
    --host 127.0.0.1 --port "$port" --no-access-log --log-level warning) >"$raw/ariadne.log" 2>&1 &
pids=($!)
bench_server ariadne "http://127.0.0.1:$port/graphql" "${pids[0]}" "${queries[@]}"
stop_servers

# ------------------------------------------------------------------------------------------------ limit server
if bin=$(build_peer limit_server); then
    port=$(free_port)
    bench_log "limit server on port $port"
    "$bin/LimitServer" "$PEERS/queries/q2.response.json" "$port" >"$raw/limit.log" 2>&1 &
    pids=($!)
    bench_server limit "http://127.0.0.1:$port/graphql" "${pids[0]}" q2
    stop_servers
else
    echo "NOT RUN: the limit server does not build" >"$raw/limit.txt"
fi

{
    echo "wrk -t$THREADS, ${DURATION} s measured after ${WARMUP} s of warm-up, connections: $CONNS; one server at a time,"
    echo "wrk on the same machine. FlightQL: \`flightql serve\` over \`$db\` (\`flightql ingest\`); the ariadne peer over"
    echo "its own SQLite built by the peers' \`load_sqlite.py\` from the same CSVs (\`data/nycflights13/*.csv.gz\`)."
    echo "predictDelay (FlightQL only; the peers do not implement it): \`predictDelay(input: {carrier: \"UA\", origin: \"EWR\","
    echo "destination: \"ORD\", scheduledDeparture: \"2013-06-01T17:00:00Z\"})\` with every field of the prediction and its"
    echo "explanation, distance and weather looked up in SQLite, against a model \`flightql train\` wrote for this run;"
    echo "no MongoDB, so no prediction log (the soak section runs it with one)."
    echo "FlightQL binary: $flightql_origin."
} >"$raw/notes.txt"
"$VENV/bin/python" "$ROOT/bench/report.py" http "$raw" >"$RESULTS_DIR/http.md"
