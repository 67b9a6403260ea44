#!/usr/bin/env bash
# Runs a command with MONGODB_URI pointing at a MongoDB wire-protocol server: the configured one
# when MONGODB_URI is set, else a local `mongod` or nx-27017 started for the command and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${MONGODB_URI:-}" ]; then
    exec "$@"
fi
state=$(mktemp -d "${TMPDIR:-/tmp}/flightql-mongo.XXXXXX")
uri=$(scripts/mongodb-server.sh start "$state")
trap 'scripts/mongodb-server.sh stop "$state"; rm -rf "$state"' EXIT
MONGODB_URI="$uri" "$@"
