#!/usr/bin/env bash
# Section parse: parse and parse + validate of the peers' documents by FlightQL's engine (ParseBench), graphql-core
# (parse_bench.py) and GraphQLSwift (swift_bench/GQLBench), all in this run, µs per op (median of 7 rounds ≥ 0.2 s).
set -euo pipefail
source "$ROOT/bench/common.sh"

ensure_venv
schema=$ROOT/schema/flightql.graphql
docs=("$PEERS/queries/large.graphql" "$PEERS/queries/q3_introspection.graphql")
raw=$WORK/parse
mkdir -p "$raw"
rm -f "$raw"/*.txt

if parsebench=$(build_bench_product ParseBench); then
    bench_log "FlightQL ParseBench"
    "$parsebench" "$schema" "${docs[@]}" | tee "$raw/flightql.txt" || echo "FAILED: ParseBench exited $?" >>"$raw/flightql.txt"
else
    echo "not available yet: bench/Package.swift (ParseBench) does not build against this engine" | tee "$raw/flightql.txt"
fi

bench_log "graphql-core (parse_bench.py)"
(cd "$PEERS" && PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" parse_bench.py "${docs[@]}") | tee "$raw/graphql-core.txt" \
    || echo "FAILED: parse_bench.py" >>"$raw/graphql-core.txt"

if bin=$(build_peer swift_bench); then
    bench_log "GraphQLSwift (GQLBench)"
    "$bin/GQLBench" "$schema" "${docs[@]}" | tee "$raw/graphqlswift.txt" || echo "FAILED: GQLBench" >>"$raw/graphqlswift.txt"
else
    echo "FAILED: swift_bench does not build" | tee "$raw/graphqlswift.txt"
fi

contract=$(dirname "$PEERS")/contract/flightql.graphql
if cmp -s "$schema" "$contract"; then same="identical to"; else same="DIFFERENT from"; fi
{
    echo "Schema: \`schema/flightql.graphql\` for FlightQL and GraphQLSwift; parse_bench.py builds graphql-core's from"
    echo "\`../shared/contract/flightql.graphql\`, $same the repository's file."
} >"$raw/notes.txt"
"$VENV/bin/python" "$ROOT/bench/report.py" parse "$raw" >"$RESULTS_DIR/parse.md"
