#!/usr/bin/env bash
# Static checks that need no build: the Docker files (no Docker engine runs here), the CI workflow,
# the Prometheus and Grafana files, the contract, the formatter. Called by `make test`; expects scripts/setup.sh test
# (promtool) and python to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.flightql/venv/bin

"$venv/check-jsonschema" --builtin-schema vendor.compose-spec compose.yaml
"$venv/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml
"$venv/hadolint" docker/Dockerfile && echo "hadolint: docker/Dockerfile ok"
if ! command -v promtool >/dev/null; then
    echo "promtool not found: scripts/setup.sh test installs it (Debian package prometheus)" >&2
    exit 1
fi
promtool check config docker/prometheus.yml
mapfile -t rule_files < <(find docker -name '*rules*.yml' -o -name '*rules*.yaml')
if [ ${#rule_files[@]} -gt 0 ]; then promtool check rules "${rule_files[@]}"; fi
"$venv/python" scripts/check_observability.py

contract=../shared/contract/flightql.graphql
if [ -f "$contract" ]; then
    "$venv/python" scripts/check_contract.py "$contract" schema/*.graphql
else
    echo "contract check skipped: $contract not found (only present beside the development checkout)"
fi
