#!/usr/bin/env bash
# Section soak: `flightql serve` (release) under a mix of queries for a long run, counting errors and watching its
# resident memory; then a mix while the MongoDB server is killed and restarted (issue 9). SOAK_PARTS ("soak outage")
# picks the runs; each writes its own table (soak.md, soak_outage.md), so a part run alone replaces only its own.
#
#   soak: SOAK_SECONDS (60) at SOAK_CONNS (64) connections after SOAK_WARMUP (10) s of warm-up, the mix being
#      Q1, Q2, Q3 (the peers' queries), predictDelay and a flightStatuses page (MongoDB). Target: zero errors, and
#      VmRSS at the end (and its peak) under 110% of VmRSS after the warm-up.
#   outage: SOAK_SECONDS at SOAK_CONNS connections of Q1, Q2 (SQLite), predictDelay (model; it logs to MongoDB), a
#      flightStatuses page and a flight with its statuses (MongoDB), as three wrk runs: before, during and after an
#      outage. The MongoDB server is killed with SIGKILL OUTAGE_AT (15) s in and started again on the same port
#      OUTAGE_FOR (15) s later. Beside the load, curl sends Q1, Q2 and both MongoDB queries every 0.5 s (OUTAGE_SAMPLE)
#      and records each answer (bench/outage_report.py classifies them). Targets: no wrk time-out (OUTAGE_TIMEOUT,
#      5 s), socket error or non-2xx in any phase; SQLite and model fields answer without errors throughout; MongoDB
#      fields fail only with `document store unavailable` at their path during the outage and answer again after
#      the restart.
#
# Both parts use a private MongoDB wire-protocol server (scripts/mongodb-test-server.sh) with one replayed day and a
# model trained by `flightql train` into the scratch folder. Env: FLIGHTQL_BIN (use this flightql, not a release
# build), FLIGHTQL_DB (.flightql/flightql.sqlite), THREADS (2).
set -euo pipefail
source "$ROOT/bench/common.sh"

SOAK_SECONDS=${SOAK_SECONDS:-60} SOAK_CONNS=${SOAK_CONNS:-64} SOAK_WARMUP=${SOAK_WARMUP:-10} THREADS=${THREADS:-2}
SOAK_PARTS=${SOAK_PARTS:-soak outage}
OUTAGE_AT=${OUTAGE_AT:-15} OUTAGE_FOR=${OUTAGE_FOR:-15} OUTAGE_SAMPLE=${OUTAGE_SAMPLE:-0.5} OUTAGE_TIMEOUT=${OUTAGE_TIMEOUT:-5}
for part in $SOAK_PARTS; do
    case $part in soak | outage) ;; *) echo "soak: unknown part '$part' (SOAK_PARTS: soak outage)" >&2; exit 2 ;; esac
done
outage_after=$((SOAK_SECONDS - OUTAGE_AT - OUTAGE_FOR))
if [[ " $SOAK_PARTS " == *" outage "* ]] && [ "$outage_after" -lt 5 ]; then
    echo "soak: SOAK_SECONDS ($SOAK_SECONDS) must leave at least 5 s after OUTAGE_AT + OUTAGE_FOR" >&2
    exit 2
fi
raw=$WORK/soak
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.log "$raw"/*.tsv "$raw"/*.body "$raw"/outage-*
ensure_wrk

db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
use_flightql "$db"
flightql_origin=$FLIGHTQL_ORIGIN
model=$raw/model.json
"$FLIGHTQL_BIN" train --db "$db" --out "$model" >"$raw/train.log" 2>&1

# A private MongoDB (its own state folder) with the statuses of 2013-01-01.
export FLIGHTQL_MONGO_TEST_DIR=$raw/mongo
mongo=$ROOT/scripts/mongodb-test-server.sh
rm -rf "$FLIGHTQL_MONGO_TEST_DIR"
mkdir -p "$FLIGHTQL_MONGO_TEST_DIR"
server_pid=
background=()  # the outage part's samplers while they run
cleanup() {
    [ ${#background[@]} -gt 0 ] && kill "${background[@]}" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    "$mongo" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
mongo_uri=$("$mongo" start)
"$FLIGHTQL_BIN" replay --from 2013-01-01 --to 2013-01-02 --db "$db" --mongodb-uri "$mongo_uri" >"$raw/replay.log" 2>&1

# The request bodies, in the order soak.lua attributes answers (a root field the others' bodies do not contain first:
# a flightStatuses page names "flight", so it comes before the flight with its statuses).
python3 - "$PEERS/queries" "$raw" <<'PY'
import json, sys
peers, out = sys.argv[1:]
bodies = {
    "__schema": open(f"{peers}/q3_introspection.graphql").read(),
    "flightStatuses": '{ flightStatuses(filter: {carrierCode: "UA", date: "2013-01-01"}, first: 5) '
    "{ nodes { state departure { delay } flight { flightNumber } } } }",
    "flight": '{ flight(id: "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg") { flightNumber carrier { name } '
    "statuses { state source departure { delay } } } }",  # 2013-01-01 UA 1545 EWR: SQLite, then MongoDB
    "predictDelay": '{ predictDelay(input: {carrier: "UA", origin: "EWR", destination: "ORD", '
    'scheduledDeparture: "2013-06-01T17:00:00Z"}) { probability delayed modelVersion } }',
    "flights": open(f"{peers}/q2.graphql").read(),
    "airline": open(f"{peers}/q1.graphql").read(),
}
for field, query in bodies.items():
    json.dump({"query": query}, open(f"{out}/{field}.json", "w"))
PY
# bodies FIELD...: SOAK_BODIES for these fields' bodies.
bodies() {
    local field list=
    for field; do list+="${list:+,}$field=$raw/$field.json"; done
    echo "$list"
}

port=$(free_port)
url=http://127.0.0.1:$port/graphql
bench_log "flightql serve on port $port ($FLIGHTQL_BIN)"
"$FLIGHTQL_BIN" serve --host 127.0.0.1 --port "$port" --db "$db" --model "$model" --mongodb-uri "$mongo_uri" \
    >"$raw/serve.log" 2>&1 &
server_pid=$!
wait_http "$url" 120 "$server_pid" || { echo "flightql serve did not answer (log: $raw/serve.log)" >&2; exit 1; }
for field in __schema flightStatuses flight predictDelay flights airline; do
    answer=$(curl -s -H 'Content-Type: application/json' --data-binary @"$raw/$field.json" "$url")
    case $answer in *'"errors"'*) echo "the $field query fails before the load: ${answer:0:300}" >&2; exit 1 ;; esac
done

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
now_ms() { date +%s%3N; }

# watch_rss FILE: VmRSS once a second into FILE until killed.
watch_rss() {
    while kill -0 "$server_pid" 2>/dev/null; do
        echo "$(date +%s) $(rss_kib)" >>"$1"
        sleep 1
    done
}

# sample FIELD: POSTs FIELD's body every OUTAGE_SAMPLE seconds (or as soon as the last answer came, if slower) with a
# time-out of OUTAGE_TIMEOUT, appending "unix_ms<TAB>http_code<TAB>seconds<TAB>body" to sample-FIELD.tsv.
sample() {
    local field=$1 body=$raw/sample-$1.body status
    while true; do
        sleep "$OUTAGE_SAMPLE" &
        rm -f "$body"
        status=$(curl -s -m "$OUTAGE_TIMEOUT" -o "$body" -w '%{http_code}\t%{time_total}' \
            -H 'Content-Type: application/json' --data-binary @"$raw/$field.json" "$url" || true)
        printf '%s\t%s\t%s\n' "$(now_ms)" "$status" "$(tr -d '\t\n' <"$body" 2>/dev/null)" >>"$raw/sample-$field.tsv"
        wait
    done
}

# run_wrk SECONDS [TIMEOUT]: soak.lua's load over $SOAK_BODIES; a request unanswered after TIMEOUT (10) s is a time-out.
run_wrk() { wrk -t"$THREADS" -c"$SOAK_CONNS" -d"$1s" --timeout "${2:-10}s" -s "$ROOT/bench/soak.lua" "$url"; }

# ------------------------------------------------------------------------------------------------ soak
if [[ " $SOAK_PARTS " == *" soak "* ]]; then
    SOAK_BODIES=$(bodies __schema flightStatuses predictDelay flights airline)
    export SOAK_BODIES
    bench_log "soak: ${SOAK_WARMUP} s warm-up, then ${SOAK_SECONDS} s at $SOAK_CONNS connections"
    run_wrk "$SOAK_WARMUP" >"$raw/warmup.txt"
    rss_start=$(rss_kib)
    watch_rss "$raw/soak-rss.tsv" &
    watcher=$!
    run_wrk "$SOAK_SECONDS" >"$raw/soak.txt"
    kill "$watcher" 2>/dev/null
    wait "$watcher" 2>/dev/null || true
    rss_end=$(rss_kib)
    rss_peak=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$raw/soak-rss.tsv")

    python3 - "$raw" "$rss_start" "$rss_end" "$rss_peak" "$flightql_origin" "$SOAK_SECONDS" "$SOAK_CONNS" \
        "$SOAK_WARMUP" "$THREADS" >"$RESULTS_DIR/soak.md" <<'PY'
import sys
from datetime import datetime, timezone
raw, rss_start, rss_end, rss_peak, origin, seconds, conns, warmup, threads = sys.argv[1:]
rss_start, rss_end, rss_peak = map(int, (rss_start, rss_end, rss_peak))
kinds, result = {}, None
for line in open(f"{raw}/soak.txt"):
    parts = line.split()
    if parts[:1] == ["KIND"]:
        kinds[parts[1]] = tuple(map(int, parts[2:]))
    elif parts[:1] == ["RESULT"]:
        result = parts[1:]


def met(ok):
    return "met" if ok else "**missed**"


print("## Soak (`make bench ONLY=soak`)\n")
print(f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. `wrk -t{threads} -c{conns}`, {seconds} s after {warmup} s of "
      "warm-up, each request one of Q1, Q2, Q3 (the peers' queries), `predictDelay` and a `flightStatuses` page "
      f"(MongoDB: nx-27017 or mongod from scripts/mongodb-test-server.sh) at random. FlightQL binary: {origin}.\n")
requests, rps, p50, p99, socket_errors = result[:5]
print(f"{int(requests):,} requests, {float(rps):,.0f} req/s, p50 {float(p50):.2f} ms, "
      f"p99 {float(p99):.2f} ms, socket errors {socket_errors}.\n")
print("| root field | answers | non-200 | 200 with errors | last error |")
print("| --- | ---: | ---: | ---: | --- |")
for field, (answers, non200, errors, last) in kinds.items():
    when = "" if not last else f"{datetime.fromtimestamp(last, timezone.utc):%H:%M:%S}"
    print(f"| `{field}` | {answers:,} | {non200} | {errors} | {when} |")
failures = sum(n + e for _, n, e, _ in kinds.values()) + int(socket_errors)
growth = (rss_end - rss_start) / rss_start * 100
peak = (rss_peak - rss_start) / rss_start * 100
print("\n| target | figure | |\n| --- | --- | --- |")
print(f"| zero errors | {failures} | {met(failures == 0)} |")
print(f"| VmRSS growth after warm-up < 10% | {rss_start / 1024:.1f} MiB after warm-up → {rss_end / 1024:.1f} MiB "
      f"at the end ({growth:+.1f}%), peak {rss_peak / 1024:.1f} MiB ({peak:+.1f}%) | {met(growth < 10 and peak < 10)} |")
PY
    cat "$RESULTS_DIR/soak.md"
fi

# ------------------------------------------------------------------------------------------------ outage
if [[ " $SOAK_PARTS " == *" outage "* ]]; then
    SOAK_BODIES=$(bodies flightStatuses flight predictDelay flights airline)
    export SOAK_BODIES
    bench_log "outage: ${SOAK_WARMUP} s warm-up, then ${SOAK_SECONDS} s at $SOAK_CONNS connections; MongoDB killed" \
        "at ${OUTAGE_AT} s and restarted ${OUTAGE_FOR} s later"
    run_wrk "$SOAK_WARMUP" >"$raw/outage-warmup.txt"
    for field in airline flights flightStatuses flight; do
        sample "$field" &
        background+=($!)
    done
    sleep 1
    rss_before=$(rss_kib)
    # nx-27017 writes its own pid file (--pid-file); mongod's pid is the script's.
    pid_file=$FLIGHTQL_MONGO_TEST_DIR/nx.pid
    [ -s "$pid_file" ] || pid_file=$FLIGHTQL_MONGO_TEST_DIR/pid
    start_ms=$(now_ms)
    run_wrk "$OUTAGE_AT" "$OUTAGE_TIMEOUT" >"$raw/outage-before.txt"
    kill_ms=$(now_ms)
    kill -9 "$(cat "$pid_file")"
    run_wrk "$OUTAGE_FOR" "$OUTAGE_TIMEOUT" >"$raw/outage-during.txt"
    restart_ms=$(now_ms)
    # The restart (it returns once the port accepts) runs beside the last phase's load.
    ("$mongo" start >"$raw/outage-restart.log" 2>&1 && now_ms >"$raw/outage-up-ms") &
    restarter=$!
    run_wrk "$outage_after" "$OUTAGE_TIMEOUT" >"$raw/outage-after.txt"
    end_ms=$(now_ms)
    wait "$restarter" || { echo "MongoDB did not start again: $(cat "$raw/outage-restart.log")" >&2; exit 1; }
    sleep 1
    kill "${background[@]}" 2>/dev/null
    wait "${background[@]}" 2>/dev/null || true
    background=()
    rss_after=$(rss_kib)
    alive=$(kill -0 "$server_pid" 2>/dev/null && echo yes || echo no)

    # The report's arguments are kept with the raw files, so the table can be made again from them.
    report=("$raw" --phases "$start_ms" "$kill_ms" "$restart_ms" "$end_ms" --up "$(cat "$raw/outage-up-ms")"
        --rss "$rss_before" "$rss_after" --alive "$alive" --origin "$flightql_origin"
        --load "wrk -t$THREADS -c$SOAK_CONNS --timeout ${OUTAGE_TIMEOUT}s" --interval "$OUTAGE_SAMPLE")
    printf '%q ' "${report[@]}" >"$raw/outage-report-args"
    python3 "$ROOT/bench/outage_report.py" "${report[@]}" >"$RESULTS_DIR/soak_outage.md"
    cat "$RESULTS_DIR/soak_outage.md"
fi
