#!/usr/bin/env bash
# Builds the libFuzzer target (fuzz/Package.swift, address sanitizer, scratch .build-fuzz) and fuzzes the GraphQL
# engine for SECONDS seconds (default 60), seeded by fuzz/corpus.
#
#     fuzz/run.sh [SECONDS]          (make fuzz SECONDS=600)
#
# New inputs go to .build-fuzz/corpus (kept between runs, never committed); crashes, timeouts and out-of-memory
# inputs to .build-fuzz/findings/. Env: FUZZ_ARGS (more libFuzzer flags).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
seconds=${1:-60}
scratch=$ROOT/.build-fuzz
mkdir -p "$scratch/corpus" "$scratch/findings"

echo "fuzz: building GraphQLFuzz (-sanitize=fuzzer,address) in .build-fuzz" >&2
# The linker warns once per sanitizer helper symbol; keep the rest of the output.
swift build --package-path fuzz --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address 2>&1 |
    grep -v "Cannot export local symbol" >&2
binary=$(swift build --package-path fuzz --scratch-path "$scratch" -c release --show-bin-path)/GraphQLFuzz

# Leak checking is off: Swift keeps references in enum payloads with tagged spare bits, which LeakSanitizer cannot
# follow, so it reports the schema built once per process as leaked. Growth shows in -rss_limit_mb instead.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# -timeout: one input taking over 10 s is a finding (a hang or super-linear blow-up); -rss_limit_mb likewise for
# memory. The dictionary steers mutations toward GraphQL tokens.
echo "fuzz: running for $seconds s" >&2
# shellcheck disable=SC2086
"$binary" "$scratch/corpus" "$ROOT/fuzz/corpus" \
    -dict="$ROOT/fuzz/graphql.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -detect_leaks=0 -artifact_prefix="$scratch/findings/" -print_final_stats=1 ${FUZZ_ARGS:-}
