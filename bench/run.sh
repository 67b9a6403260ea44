#!/usr/bin/env bash
# FlightQL's benchmarks beside the peers in ../shared/bench-peers/ (see bench/README.md).
#
#     bench/run.sh [SECTION ...]        (make bench ONLY="parse http")
#
# Sections: parse, http, model, drift, ingest, replay, then the others in bench/sections/ by name. With no argument,
# every section that has a script in bench/sections/. Each section builds what it needs (release), runs FlightQL and the peers side by
# side, prints medians and ratios, and leaves a Markdown table in .flightql/bench/results/SECTION.md; bench/RESULTS.md
# is then rewritten from the machine's description and every section's latest table (each table says when it ran).
#
# Env: DURATION, WARMUP, CONNS (http: wrk seconds per run, warm-up seconds, connection counts; default 10, 2, "16 64"),
#      PASSES (parse: turns of the three libraries, default 1), ROUNDS (model, drift, ingest, replay: runs, default 3),
#      BUILD_NICE (nice level of the builds, default 0), PEERS (default ../shared/bench-peers from the repo root),
#      FLIGHTQL_BIN (an existing flightql instead of the release build), FLIGHTQL_DB (.flightql/flightql.sqlite).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export ROOT
export PEERS=${PEERS:-$(cd "$ROOT/.." && pwd)/shared/bench-peers}
export WORK=$ROOT/.flightql/bench          # scratch: builds of the peers, data, logs, section tables
export VENV=$ROOT/.flightql/bench-venv     # graphql-core, ariadne, uvicorn: the peers' requirements.txt
export BUILD_NICE=${BUILD_NICE:-0}
export RESULTS_DIR=$WORK/results
mkdir -p "$WORK" "$RESULTS_DIR"

if [ ! -f "$PEERS/README.md" ] || [ ! -f "$PEERS/bench.sh" ]; then
    echo "bench: the peers are missing: expected ../shared/bench-peers beside the repository ($PEERS)" >&2
    exit 1
fi

# The sections' order: the issue's, then any other script in bench/sections/ by name.
available=()
for s in parse http model drift ingest replay $(cd "$ROOT/bench/sections" && ls -- *.sh | sed 's/\.sh$//'); do
    [ -f "$ROOT/bench/sections/$s.sh" ] || continue
    case " ${available[*]} " in *" $s "*) continue ;; esac
    available+=("$s")
done
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=("${available[@]}")
for s in "${sections[@]}"; do
    if [ ! -f "$ROOT/bench/sections/$s.sh" ]; then
        echo "bench: unknown section '$s' (available: ${available[*]})" >&2
        exit 2
    fi
done

# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

status=0
for s in "${sections[@]}"; do
    echo
    echo "=== bench section: $s   $(date -u +%FT%TZ)   load $(cut -d' ' -f1-3 /proc/loadavg)"
    if ! bash "$ROOT/bench/sections/$s.sh"; then
        echo "bench: section $s failed" >&2
        status=1
    fi
done

write_results_md
echo
echo "bench: wrote bench/RESULTS.md"
exit $status
