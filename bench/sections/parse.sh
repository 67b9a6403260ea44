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

# Build everything first, then measure: PASSES rounds (default 1) of FlightQL, graphql-core, GraphQLSwift in turn,
# so that a change of load on a shared machine falls on all three alike; the table takes each figure's median.
parsebench=$(build_bench_product ParseBench) || {
    parsebench=
    echo "not available yet: bench/Package.swift (ParseBench) does not build against this engine" | tee "$raw/flightql.txt"
}
gqlbench=$(build_peer swift_bench) || {
    gqlbench=
    echo "FAILED: swift_bench does not build" | tee "$raw/graphqlswift.txt"
}
for pass in $(seq 1 "${PASSES:-1}"); do
    if [ "${PASSES:-1}" -gt 1 ]; then bench_log "pass $pass of $PASSES"; fi
    if [ -n "$parsebench" ]; then
        bench_log "FlightQL ParseBench"
        "$parsebench" "$schema" "${docs[@]}" | tee -a "$raw/flightql.txt" || echo "FAILED: ParseBench exited $?" >>"$raw/flightql.txt"
    fi
    bench_log "graphql-core (parse_bench.py)"
    (cd "$PEERS" && PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" parse_bench.py "${docs[@]}") | tee -a "$raw/graphql-core.txt" \
        || echo "FAILED: parse_bench.py" >>"$raw/graphql-core.txt"
    if [ -n "$gqlbench" ]; then
        bench_log "GraphQLSwift (GQLBench)"
        "$gqlbench/GQLBench" "$schema" "${docs[@]}" | tee -a "$raw/graphqlswift.txt" || echo "FAILED: GQLBench" >>"$raw/graphqlswift.txt"
    fi
done

contract=$(dirname "$PEERS")/contract/flightql.graphql
if cmp -s "$schema" "$contract"; then same="identical to"; else same="DIFFERENT from"; fi
{
    echo "Schema: \`schema/flightql.graphql\` for FlightQL and GraphQLSwift; parse_bench.py builds graphql-core's from"
    echo "\`../shared/contract/flightql.graphql\`, $same the repository's file. Passes: ${PASSES:-1} (each figure is the median"
    echo "of the passes' medians; the three libraries take turns within a pass)."
} >"$raw/notes.txt"
"$VENV/bin/python" "$ROOT/bench/report.py" parse "$raw" >"$RESULTS_DIR/parse.md"
