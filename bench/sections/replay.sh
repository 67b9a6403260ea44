#!/usr/bin/env bash
# Section replay: `flightql replay` of one month (July 2013, 29,425 flights) into a fresh MongoDB collection and again
# over the documents it wrote (the idempotent rerun), beside the floor of the same server: the same documents written
# by pymongo (bench/replay_floor.py: unordered bulk ReplaceOne upserts, new then existing, and insert_many). The server
# is a private one of scripts/mongodb-test-server.sh (mongod when on PATH, else nx-27017), its data wiped first.
# Env: ROUNDS (3; each figure is the median), REPLAY_FROM/REPLAY_TO (2013-07-01/2013-08-01), FLIGHTQL_BIN (use this
# flightql instead of building release), FLIGHTQL_DB (.flightql/flightql.sqlite).
set -euo pipefail
source "$ROOT/bench/common.sh"

raw=$WORK/replay
mkdir -p "$raw"
rm -f "$raw"/*.txt
from=${REPLAY_FROM:-2013-07-01} to=${REPLAY_TO:-2013-08-01} rounds=${ROUNDS:-3}
db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
python=$ROOT/.flightql/venv/bin/python
"$ROOT/scripts/setup.sh" python >&2

use_flightql "$db"
flightql_origin=$FLIGHTQL_ORIGIN

export FLIGHTQL_MONGO_TEST_DIR=$WORK/replay-mongo
"$ROOT/scripts/mongodb-test-server.sh" stop
rm -rf "$FLIGHTQL_MONGO_TEST_DIR"
uri=$("$ROOT/scripts/mongodb-test-server.sh" start)
trap '"$ROOT/scripts/mongodb-test-server.sh" stop' EXIT
server=nx-27017
command -v mongod >/dev/null && server="mongod $(mongod --version | sed -n 's/^db version v//p')"
[ "$server" = nx-27017 ] && server="nx-27017 $("$python" -c 'import importlib.metadata as m; print(m.version("nx-27017"))')"

# replay_seconds LABEL: one `flightql replay` of the window; appends "LABEL SECONDS" to flightql.txt.
replay_seconds() {
    local output seconds
    output=$("$FLIGHTQL_BIN" replay --from "$from" --to "$to" --db "$db" --mongodb-uri "$uri" 2>&1) || {
        echo "$output" >&2
        return 1
    }
    echo "$output" >&2
    seconds=$(echo "$output" | sed -n 's/.* in \([0-9.]*\) seconds$/\1/p')
    echo "$1 $seconds" | tee -a "$raw/flightql.txt"
    echo "$output" | sed -n 's/^replayed \([0-9]*\) flights.*/flights \1/p' >>"$raw/flightql.txt"
}

for round in $(seq 1 "$rounds"); do
    bench_log "round $round of $rounds: flightql replay $from … $to (new, then existing), then pymongo on $server"
    "$python" -c 'import sys; from pymongo import MongoClient; MongoClient(sys.argv[1]).get_default_database().drop_collection("flight_status")' "$uri"
    replay_seconds flightql_new
    replay_seconds flightql_existing
    "$python" "$ROOT/bench/replay_floor.py" "$uri" | tee -a "$raw/pymongo.txt"
done

"$python" - "$raw" "$from" "$to" "$server" "$flightql_origin" >"$RESULTS_DIR/replay.md" <<'PY'
import datetime, statistics, sys
raw, start, end, server, origin = sys.argv[1:6]
figures = {}
for name in ("flightql.txt", "pymongo.txt"):
    for line in open(f"{raw}/{name}"):
        key, value = line.split()
        figures.setdefault(key, []).append(float(value))
median = {key: statistics.median(values) for key, values in figures.items()}
load = " ".join(open("/proc/loadavg").read().split()[:3])
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
rounds = len(figures["flightql_new"])
print("## replay")
print()
print(f"Run {now}; load average at the end of the section {load} (1, 5, 15 min). `flightql replay --from {start} --to {end}`")
print(f"({int(median['flights']):,} flights → documents; {origin}) into a fresh `flight_status` of a private {server},")
print(f"then again over the documents it wrote; beside it pymongo writing the same documents to the same server with the")
print(f"same {int(median['indexes'])} indexes (`bench/replay_floor.py`). Median of {rounds} rounds, seconds.")
print()
print("| writes | FlightQL | pymongo (server floor) | FlightQL / floor | issue 5 target < 5 s |")
print("| --- | --- | --- | --- | --- |")
for label, ours, floor in (
    ("new documents (bulk upserts)", "flightql_new", "pymongo_upsert_new"),
    ("existing documents (rerun; FlightQL skips the unchanged)", "flightql_existing", "pymongo_upsert_existing"),
):
    mark = "**met**" if median[ours] < 5 else "**missed**"
    print(f"| {label} | {median[ours]:.2f} | {median[floor]:.2f} | {median[ours] / median[floor]:.2f}× | {mark} |")
print(f"| insert_many of new documents (not idempotent) | — | {median['pymongo_insert_many']:.2f} | | |")
PY
cat "$RESULTS_DIR/replay.md" >&2
