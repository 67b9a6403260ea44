#!/usr/bin/env bash
# Section soak: `flightql serve` (release) under a mix of queries for a long run, counting errors and watching its
# resident memory; then the same load while MongoDB is killed and restarted.
#
#   1. soak: SOAK_SECONDS (60) at SOAK_CONNS (64) connections after SOAK_WARMUP (10) s of warm-up, the mix being
#      Q1, Q2, Q3 (the peers' queries), predictDelay and a flightStatuses page (MongoDB). Target: zero errors, and
#      VmRSS at the end (and its peak) under 110% of VmRSS after the warm-up.
#   2. mongo-restart: the same mix; MongoDB is stopped MONGO_DOWN_AT (15) s into the run and started again
#      MONGO_DOWN_FOR (15) s later. Target: only the MongoDB-backed field (flightStatuses) fails, and it answers
#      again after the restart (the last error before the end of the run, a probe once a second shows when).
#
# Both runs use a private MongoDB wire-protocol server (scripts/mongodb-test-server.sh) with one replayed day and a
# model trained by `flightql train` into the scratch folder. Env: FLIGHTQL_BIN (use this flightql, not a release
# build), FLIGHTQL_DB (.flightql/flightql.sqlite), THREADS (2).
set -euo pipefail
source "$ROOT/bench/common.sh"

SOAK_SECONDS=${SOAK_SECONDS:-60} SOAK_CONNS=${SOAK_CONNS:-64} SOAK_WARMUP=${SOAK_WARMUP:-10} THREADS=${THREADS:-2}
MONGO_DOWN_AT=${MONGO_DOWN_AT:-15} MONGO_DOWN_FOR=${MONGO_DOWN_FOR:-15}
raw=$WORK/soak
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.log "$raw"/*.tsv
ensure_wrk

db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
flightql_origin="release build of this work tree"
if [ -n "${FLIGHTQL_BIN:-}" ]; then
    flightql_origin="\`$FLIGHTQL_BIN\` given by FLIGHTQL_BIN, NOT necessarily a release build"
else
    build_flightql_release
fi
if [ ! -s "$db" ]; then
    bench_log "ingesting data/ into $db"
    "$FLIGHTQL_BIN" ingest --db "$db" --data "$ROOT/data" >&2
fi
model=$raw/model.json
"$FLIGHTQL_BIN" train --db "$db" --out "$model" >"$raw/train.log" 2>&1

# A private MongoDB (its own state folder) with the statuses of 2013-01-01.
export FLIGHTQL_MONGO_TEST_DIR=$raw/mongo
mongo=$ROOT/scripts/mongodb-test-server.sh
rm -rf "$FLIGHTQL_MONGO_TEST_DIR"
mkdir -p "$FLIGHTQL_MONGO_TEST_DIR"
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    "$mongo" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
mongo_uri=$("$mongo" start)
"$FLIGHTQL_BIN" replay --from 2013-01-01 --to 2013-01-02 --db "$db" --mongodb-uri "$mongo_uri" >"$raw/replay.log" 2>&1

# The request bodies, in the order soak.lua attributes answers (a root field the others' bodies do not contain first).
python3 - "$PEERS/queries" "$raw" <<'PY'
import json, sys
peers, out = sys.argv[1:]
bodies = {
    "__schema": open(f"{peers}/q3_introspection.graphql").read(),
    "flightStatuses": '{ flightStatuses(filter: {carrierCode: "UA", date: "2013-01-01"}, first: 5) '
    "{ nodes { state departure { delay } flight { flightNumber } } } }",
    "predictDelay": '{ predictDelay(input: {carrier: "UA", origin: "EWR", destination: "ORD", '
    'scheduledDeparture: "2013-06-01T17:00:00Z"}) { probability delayed modelVersion } }',
    "flights": open(f"{peers}/q2.graphql").read(),
    "airline": open(f"{peers}/q1.graphql").read(),
}
for field, query in bodies.items():
    json.dump({"query": query}, open(f"{out}/{field}.json", "w"))
PY
export SOAK_BODIES="__schema=$raw/__schema.json,flightStatuses=$raw/flightStatuses.json,predictDelay=$raw/predictDelay.json,flights=$raw/flights.json,airline=$raw/airline.json"

port=$(free_port)
url=http://127.0.0.1:$port/graphql
bench_log "flightql serve on port $port ($FLIGHTQL_BIN)"
"$FLIGHTQL_BIN" serve --host 127.0.0.1 --port "$port" --db "$db" --model "$model" --mongodb-uri "$mongo_uri" \
    >"$raw/serve.log" 2>&1 &
server_pid=$!
wait_http "$url" 120 "$server_pid" || { echo "flightql serve did not answer (log: $raw/serve.log)" >&2; exit 1; }
for field in __schema flightStatuses predictDelay flights airline; do
    answer=$(curl -s -H 'Content-Type: application/json' --data-binary @"$raw/$field.json" "$url")
    case $answer in *'"errors"'*) echo "the $field query fails before the load: ${answer:0:300}" >&2; exit 1 ;; esac
done

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }

# watch_rss FILE: VmRSS once a second into FILE until killed.
watch_rss() {
    while kill -0 "$server_pid" 2>/dev/null; do
        echo "$(date +%s) $(rss_kib)" >>"$1"
        sleep 1
    done
}

# probe FILE: the flightStatuses query once a second (10 s time-out), "unix_time ok|error" into FILE, until killed.
probe() {
    while true; do
        answer=$(curl -s -m 10 -H 'Content-Type: application/json' --data-binary @"$raw/flightStatuses.json" "$url" || true)
        case $answer in *'"data":{"flightStatuses":{'*) state=ok ;; *) state=error ;; esac
        [[ $answer == *'"errors"'* ]] && state=error
        echo "$(date +%s) $state" >>"$1"
        sleep 1
    done
}

run_wrk() { wrk -t"$THREADS" -c"$SOAK_CONNS" -d"$1s" --timeout 10s -s "$ROOT/bench/soak.lua" "$url"; }

# ------------------------------------------------------------------------------------------------ 1. soak
bench_log "soak: ${SOAK_WARMUP} s warm-up, then ${SOAK_SECONDS} s at $SOAK_CONNS connections"
run_wrk "$SOAK_WARMUP" >"$raw/warmup.txt"
rss_start=$(rss_kib)
watch_rss "$raw/soak-rss.tsv" &
watcher=$!
run_wrk "$SOAK_SECONDS" >"$raw/soak.txt"
kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null || true
rss_end=$(rss_kib)
rss_peak=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$raw/soak-rss.tsv")

# ------------------------------------------------------------------------------------------------ 2. mongo-restart
bench_log "mongo-restart: ${SOAK_SECONDS} s at $SOAK_CONNS connections; MongoDB down from ${MONGO_DOWN_AT} s for ${MONGO_DOWN_FOR} s"
probe "$raw/probe.tsv" &
prober=$!
run_wrk "$SOAK_SECONDS" >"$raw/restart.txt" &
load=$!
sleep "$MONGO_DOWN_AT"
down_at=$(date +%s)
"$mongo" stop >/dev/null
sleep "$MONGO_DOWN_FOR"
"$mongo" start >/dev/null
up_at=$(date +%s)
wait "$load"
sleep 2
kill "$prober" 2>/dev/null; wait "$prober" 2>/dev/null || true
alive=$(kill -0 "$server_pid" 2>/dev/null && echo yes || echo no)

# ------------------------------------------------------------------------------------------------ table
python3 - "$raw" "$rss_start" "$rss_end" "$rss_peak" "$down_at" "$up_at" "$alive" "$flightql_origin" \
    "$SOAK_SECONDS" "$SOAK_CONNS" "$SOAK_WARMUP" "$THREADS" >"$RESULTS_DIR/soak.md" <<'PY'
import sys
raw, rss_start, rss_end, rss_peak, down_at, up_at, alive, origin, seconds, conns, warmup, threads = sys.argv[1:]
rss_start, rss_end, rss_peak, down_at, up_at = map(int, (rss_start, rss_end, rss_peak, down_at, up_at))

def read(name):
    kinds, result = {}, None
    for line in open(f"{raw}/{name}"):
        parts = line.split()
        if parts[:1] == ["KIND"]:
            kinds[parts[1]] = tuple(map(int, parts[2:]))
        elif parts[:1] == ["RESULT"]:
            result = parts[1:]
    return kinds, result

def met(ok):
    return "met" if ok else "**missed**"

print("## Soak (`make bench ONLY=soak`)\n")
from datetime import datetime, timezone
print(f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. `wrk -t{threads} -c{conns}`, {seconds} s after {warmup} s of "
      "warm-up, each request one of Q1, Q2, Q3 (the peers' queries), `predictDelay` and a `flightStatuses` page "
      f"(MongoDB: nx-27017 or mongod from scripts/mongodb-test-server.sh) at random. FlightQL binary: {origin}.\n")
for name, title in (("soak.txt", "soak"), ("restart.txt", "MongoDB stopped and restarted during the run")):
    kinds, result = read(name)
    requests, rps, p50, p99, socket_errors = result
    print(f"**{title}**: {int(requests):,} requests, {float(rps):,.0f} req/s, p50 {float(p50):.2f} ms, "
          f"p99 {float(p99):.2f} ms, socket errors {socket_errors}.\n")
    print("| root field | answers | non-200 | 200 with errors | last error |")
    print("| --- | ---: | ---: | ---: | --- |")
    for field, (answers, non200, errors, last) in kinds.items():
        when = "" if not last else f"{datetime.fromtimestamp(last, timezone.utc):%H:%M:%S}"
        print(f"| `{field}` | {answers:,} | {non200} | {errors} | {when} |")
    print()
    if name == "soak.txt":
        failures = sum(n + e for _, n, e, _ in kinds.values()) + int(socket_errors)
        growth = (rss_end - rss_start) / rss_start * 100
        peak = (rss_peak - rss_start) / rss_start * 100
        print("| target | figure | |\n| --- | --- | --- |")
        print(f"| zero errors | {failures} | {met(failures == 0)} |")
        print(f"| VmRSS growth after warm-up < 10% | {rss_start / 1024:.1f} MiB after warm-up → {rss_end / 1024:.1f} MiB "
              f"at the end ({growth:+.1f}%), peak {rss_peak / 1024:.1f} MiB ({peak:+.1f}%) | {met(growth < 10 and peak < 10)} |")
        print()
    else:
        others = sum(n + e for f, (_, n, e, _) in kinds.items() if f != "flightStatuses")
        probes = [line.split() for line in open(f"{raw}/probe.tsv")]
        recovered = next((int(t) for t, state in probes if int(t) >= up_at and state == "ok"), None)
        after = [state for t, state in probes if recovered is not None and int(t) >= recovered]
        last_status_error = kinds.get("flightStatuses", (0, 0, 0, 0))[3]
        print(f"MongoDB stopped at {datetime.fromtimestamp(down_at, timezone.utc):%H:%M:%S}, started again at "
              f"{datetime.fromtimestamp(up_at, timezone.utc):%H:%M:%S}; the server {'stayed up' if alive == 'yes' else 'DIED'}.\n")
        print("| target | figure | |\n| --- | --- | --- |")
        print(f"| only MongoDB-backed fields fail | errors of other root fields: {others}; wrk time-outs (over 10 s, "
              f"no answer to attribute): {socket_errors} | {met(others == 0 and int(socket_errors) == 0 and alive == 'yes')} |")
        if recovered is None:
            print("| the MongoDB field recovers | no successful probe after the restart | **missed** |")
        else:
            last = ("none after the restart" if last_status_error <= up_at
                    else f"{last_status_error - up_at} s after the restart")
            print(f"| the MongoDB field recovers | first good probe {recovered - up_at} s after the restart; "
                  f"{after.count('ok')} of {len(after)} probes good from then; last error under load: {last} | "
                  f"{met(after.count('ok') == len(after))} |")
        print()
PY
cat "$RESULTS_DIR/soak.md"
