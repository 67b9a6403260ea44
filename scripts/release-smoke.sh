#!/usr/bin/env bash
# The release build as `make run` serves it, checked end to end: ingest, train, serve with MongoDB, then
# concurrent GraphQL requests over every store. Debug builds run every other test; this catches what only
# the optimizer breaks (a Swift 6.3.1 -O crash on every request once reached production this way).
#
#     SWIFT=swift scripts/with-mongodb.sh scripts/release-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
: "${MONGODB_URI:?run under scripts/with-mongodb.sh}"

"$swift" build -c release --product flightql
bin="$("$swift" build -c release --show-bin-path)/flightql"
work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" ingest --db "$work/flightql.sqlite" --data data >/dev/null
"$bin" train --db "$work/flightql.sqlite" --out "$work/model.json" >/dev/null
"$bin" replay --from 2013-12-01 --to 2013-12-02 --db "$work/flightql.sqlite" --mongodb-uri "$MONGODB_URI" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --port "$port" --db "$work/flightql.sqlite" --model "$work/model.json" --mongodb-uri "$MONGODB_URI" \
    2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
done

query='{ airline(code: \"UA\") { name } flights(filter: {origin: \"JFK\", from: \"2013-12-01T12:00:00Z\"}, first: 20) { totalCount nodes { id carrier { name } origin { name } plane { model } weather { temperature } prediction { probability } statuses { state } } } predictDelay(input: {carrier: \"UA\", origin: \"EWR\", destination: \"ORD\", scheduledDeparture: \"2013-12-01T12:00:00Z\"}) { probability } }'
echo "{\"query\": \"$query\"}" >"$work/body.json"
check() {
    python3 -c '
import json, sys
body = json.load(sys.stdin)
assert "errors" not in body, body["errors"]
data = body["data"]
assert data["airline"]["name"] == "United Air Lines Inc."
nodes = data["flights"]["nodes"]
assert len(nodes) == 20 and all(n["carrier"] and n["prediction"] for n in nodes), nodes[:1]
assert all(n["statuses"] for n in nodes), "a replayed status is missing"
assert 0 <= data["predictDelay"]["probability"] <= 1
'
}
curl -sf "http://127.0.0.1:$port/graphql" -H 'Content-Type: application/json' --data-binary @"$work/body.json" | check
# 400 requests, 16 at a time, each answered in full.
seq 400 | xargs -P 16 -I{} sh -c "curl -sf 'http://127.0.0.1:$port/graphql' -H 'Content-Type: application/json' \
    --data-binary @'$work/body.json' -o /dev/null || exit 255"
kill -0 "$server" || { cat "$work/serve.log" >&2; exit 1; }
echo "release smoke: 401 requests across SQLite, MongoDB and the model answered by the release build"
