#!/usr/bin/env bash
# The body of `make run`: load the data when there is no database, train when there is no model,
# start a MongoDB when MONGODB_URI is unset (stopped with the server), then serve on 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FLIGHTQL_BIN:?FLIGHTQL_BIN must name the built flightql executable}
port=${PORT:-8080}
db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
model=${FLIGHTQL_MODEL:-models/delay-tree.json}

if [ ! -f "$db" ]; then
    "$bin" ingest --db "$db" --data data
fi
if [ ! -f "$model" ]; then
    "$bin" train --db "$db" --out "$model"
fi
if [ -z "${MONGODB_URI:-}" ]; then
    FLIGHTQL_MONGO_TEST_DIR="$PWD/.flightql/mongodb"
    export FLIGHTQL_MONGO_TEST_DIR
    test_uri=$(scripts/mongodb-test-server.sh start)
    MONGODB_URI="${test_uri%/*}/flightql"
    export MONGODB_URI
    trap 'scripts/mongodb-test-server.sh stop' EXIT
    echo "started a local MongoDB wire-protocol server at $MONGODB_URI (stopped with the server)"
fi

cat <<MSG
FlightQL on http://127.0.0.1:$port/graphql — try:
  curl -s localhost:$port/graphql -H 'content-type: application/json' -d '{"query":"{ airline(code: \\"UA\\") { code name } }"}'
MSG
"$bin" serve --host 127.0.0.1 --port "$port" --db "$db" --model "$model" --mongodb-uri "$MONGODB_URI"
