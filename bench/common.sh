# Helpers shared by bench/run.sh and the section scripts in bench/sections/ (sourced, never run).
# Expects ROOT, PEERS, WORK, VENV, BUILD_NICE and RESULTS_DIR from bench/run.sh.

bench_log() { echo "bench: $*" >&2; }

# Release build of the flightql executable (the product's own .build); sets FLIGHTQL_BIN.
build_flightql_release() {
    bench_log "building flightql (release)"
    (cd "$ROOT" && nice -n "$BUILD_NICE" swift build -c release --product flightql) >&2 || return 1
    FLIGHTQL_BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/flightql"
    export FLIGHTQL_BIN
}

# use_flightql [DB]: the flightql a section measures: FLIGHTQL_BIN when given, else the release build (which sets it);
# with DB, `flightql ingest`s data/ into DB when it is missing. Sets FLIGHTQL_ORIGIN, the binary's line for the notes.
use_flightql() {
    FLIGHTQL_ORIGIN="release build of this work tree"
    if [ -n "${FLIGHTQL_BIN:-}" ]; then
        FLIGHTQL_ORIGIN="\`$FLIGHTQL_BIN\` given by FLIGHTQL_BIN, NOT necessarily a release build"
    else
        build_flightql_release || return 1
    fi
    if [ -n "${1:-}" ] && [ ! -s "$1" ]; then
        bench_log "ingesting data/ into $1"
        "$FLIGHTQL_BIN" ingest --db "$1" --data "$ROOT/data" >&2
    fi
}

# Release build of a bench executable of bench/Package.swift; prints its path.
build_bench_product() {
    local product=$1
    bench_log "building $product (release, bench/Package.swift)"
    (cd "$ROOT" && nice -n "$BUILD_NICE" swift build -c release --package-path bench --product "$product") >&2 || return 1
    echo "$(cd "$ROOT" && swift build -c release --package-path bench --show-bin-path)/$product"
}

# Release build of a Swift peer in ../shared/bench-peers/NAME (read-only there), its scratch folder in
# .flightql/bench-build/NAME. Prints the release bin path.
build_peer() {
    local name=$1 scratch=$ROOT/.flightql/bench-build/$1
    bench_log "building peer $name (release)"
    nice -n "$BUILD_NICE" swift build -c release --package-path "$PEERS/$name" --scratch-path "$scratch" >&2 || return 1
    swift build -c release --package-path "$PEERS/$name" --scratch-path "$scratch" --show-bin-path
}

# venv_with DIR REQUIREMENTS: a Python venv in DIR holding REQUIREMENTS (installed again when the file changes).
venv_with() {
    local venv=$1 requirements=$2
    if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/.requirements"; then return; fi
    bench_log "installing $requirements into $venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$requirements" >&2
    cp "$requirements" "$venv/.requirements"
}

# The peers' Python requirements (graphql-core, ariadne, uvicorn, aiodataloader) in .flightql/bench-venv.
ensure_venv() { venv_with "$VENV" "$PEERS/requirements.txt"; }

# The peers' ML requirements (numpy, pandas < 3, scipy, scikit-learn, threadpoolctl, evidently: ml/requirements.txt)
# in .flightql/ml-venv, apart from VENV (evidently pins what graphql-core's venv need not carry). Sets ML_PYTHON.
ensure_ml_venv() {
    venv_with "$ROOT/.flightql/ml-venv" "$PEERS/ml/requirements.txt"
    export ML_PYTHON=$ROOT/.flightql/ml-venv/bin/python
}

# data/nycflights13/*.csv.gz gunzipped into .flightql/bench-data/nycflights13 (the peers' scripts read plain CSVs).
# Prints the folder.
ensure_csvs() {
    local folder=$ROOT/.flightql/bench-data/nycflights13 f csv
    mkdir -p "$folder"
    for f in "$ROOT"/data/nycflights13/*.csv.gz; do
        csv=$folder/$(basename "$f" .gz)
        [ -s "$csv" ] && [ "$csv" -nt "$f" ] && continue
        gunzip -c "$f" >"$csv.tmp" || return 1
        mv "$csv.tmp" "$csv"
    done
    echo "$folder"
}

# apt_install COMMAND PACKAGE: installs the Debian PACKAGE when COMMAND is missing.
apt_install() {
    command -v "$1" >/dev/null && return
    bench_log "installing $2 (apt)"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2; then
        apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2
    fi
}

ensure_wrk() { apt_install wrk wrk; }
ensure_sqlite3() { apt_install sqlite3 sqlite3; }

# A TCP port free on 127.0.0.1 now.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL TIMEOUT [PID]: waits until URL answers a GraphQL POST with any HTTP status; fails after TIMEOUT
# seconds, or as soon as process PID (the server) has exited.
wait_http() {
    local url=$1 timeout=${2:-60} pid=${3:-} i=0 code
    while [ $i -lt $((timeout * 5)) ]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
            --data-binary '{"query":"{ __typename }"}' "$url" || true)
        [ "$code" != 000 ] && return 0
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        sleep 0.2
        i=$((i + 1))
    done
    return 1
}

wrk_version() { (wrk -v 2>&1 || true) | head -1 | awk '{print $1, $2}'; }

# The "Run" line that heads a section's table.
run_line() {
    echo "Run $(date -u +'%Y-%m-%d %H:%M UTC'); load average at the start $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)."
}

machine_md() {
    local cpu
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    echo "| | |"
    echo "| --- | --- |"
    echo "| written | $(date -u +'%Y-%m-%d %H:%M UTC') |"
    echo "| cores (\`nproc\`) | $(nproc) |"
    echo "| CPU | ${cpu:-unknown} |"
    echo "| memory | $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
    echo "| kernel | $(uname -sr) |"
    echo "| load average now | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| Swift | $(swift --version 2>/dev/null | grep -m1 -o 'Swift version [^ ]*' || echo missing) |"
    if [ -x "$VENV/bin/python" ]; then
        echo "| Python (peers' venv) | $("$VENV/bin/python" --version 2>&1 | cut -d' ' -f2) |"
        echo "| graphql-core | $("$VENV/bin/python" -c 'import graphql; print(graphql.__version__)' 2>/dev/null || echo missing) |"
        echo "| ariadne / uvicorn | $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("ariadne"), "/", m.version("uvicorn"))' 2>/dev/null || echo missing) |"
    fi
    echo "| wrk | $(command -v wrk >/dev/null && wrk_version || echo missing) |"
    echo "| SQLite (Python's) | $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') |"
    echo "| FlightQL commit | $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (work tree has changes)') |"
}

# bench/RESULTS.md: the machine, then the latest table of every section, in the order below.
write_results_md() {
    local out=$ROOT/bench/RESULTS.md s
    {
        echo "# FlightQL benchmarks beside the peers"
        echo
        echo "Written by \`bench/run.sh\` (\`make bench\`); see bench/README.md for what each section measures. The peers"
        echo "are the ones in \`../shared/bench-peers/\`, run in the same session as FlightQL. Each section's table says"
        echo "when it ran; a section run alone (\`make bench ONLY=http\`) replaces only its own table."
        echo
        echo "## Machine"
        echo
        machine_md
        for s in parse http model drift ingest replay $(ls "$RESULTS_DIR" 2>/dev/null | sed -n 's/\.md$//p'); do
            case " ${seen:-} " in *" $s "*) continue ;; esac
            seen="${seen:-} $s"
            [ -f "$RESULTS_DIR/$s.md" ] || continue
            echo
            cat "$RESULTS_DIR/$s.md"
        done
    } >"$out"
}
