#!/usr/bin/env bash
# Static checks that need no build: the Docker files (no Docker engine runs here), the contract,
# the formatter. Called by `make test`; expects scripts/setup.sh python to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.flightql/venv/bin

"$venv/check-jsonschema" --builtin-schema vendor.compose-spec compose.yaml
"$venv/hadolint" docker/Dockerfile && echo "hadolint: docker/Dockerfile ok"

contract=../shared/contract/flightql.graphql
if [ -f "$contract" ]; then
    "$venv/python" scripts/check_contract.py "$contract" schema/*.graphql
else
    echo "contract check skipped: $contract not found (only present beside the development checkout)"
fi
