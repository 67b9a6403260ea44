#!/usr/bin/env bash
# Runs a command with MONGODB_URI pointing at a MongoDB wire-protocol server: the configured one
# when MONGODB_URI is set, else a private `mongod` or nx-27017 started for the command and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${MONGODB_URI:-}" ]; then
    exec "$@"
fi
FLIGHTQL_MONGO_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/flightql-mongo.XXXXXX")
export FLIGHTQL_MONGO_TEST_DIR
trap 'scripts/mongodb-test-server.sh stop; rm -rf "$FLIGHTQL_MONGO_TEST_DIR"' EXIT
MONGODB_URI=$(scripts/mongodb-test-server.sh start)
export MONGODB_URI
"$@"
