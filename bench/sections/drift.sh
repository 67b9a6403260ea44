#!/usr/bin/env bash
# Section drift: bench/drift's recipe as a section. The peers' ml/prepare.py builds the nycflights13 feature table
# (months 1-9 reference, 10-12 current) from the gunzipped CSVs; DriftBench (bench/drift, release, scratch folder
# .flightql/bench-build/drift-bench) builds FlightQL's stored reference, prints the Oct-Dec report and times a report
# over 100,000 current rows (median of 9); bench/drift/compare.py puts the per-feature statistics beside scipy's on
# the full columns and the anchor's (../shared/anchors/ml.md), and the report's time beside scipy/numpy's and
# Evidently 0.7.23's (median of ROUNDS, default 3), with ratios. Python: the peers' ml/requirements.txt in
# .flightql/ml-venv.
set -euo pipefail
source "$ROOT/bench/common.sh"

ROUNDS=${ROUNDS:-3}
started=$(run_line)
raw=$WORK/drift
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.json "$raw"/*.md

ensure_ml_venv
csvs=$(ensure_csvs)
ml=$ROOT/.flightql/bench-data/ml
if [ ! -s "$ml/train.csv" ] || [ ! -s "$ml/test.csv" ] || [ "$ml/train.csv" -ot "$PEERS/ml/prepare.py" ]; then
    bench_log "feature table: the peers' ml/prepare.py into $ml"
    # prepare.py's folders are constants (/tmp/data/...): point them at the bench's own.
    PYTHONDONTWRITEBYTECODE=1 "$ML_PYTHON" - "$PEERS/ml" "$csvs" "$ml" >"$raw/prepare.txt" <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import prepare

prepare.SRC, prepare.OUT = Path(sys.argv[2]), Path(sys.argv[3])
prepare.main()
PY
fi

scratch=$ROOT/.flightql/bench-build/drift-bench
bench_log "building DriftBench (release, bench/drift, scratch $scratch)"
nice -n "$BUILD_NICE" swift build -c release --package-path "$ROOT/bench/drift" --scratch-path "$scratch" >&2
bin=$(swift build -c release --package-path "$ROOT/bench/drift" --scratch-path "$scratch" --show-bin-path)/DriftBench

bench_log "DriftBench"
"$bin" "$ml/train.csv" "$ml/test.csv" >"$raw/flightql-drift.json"
bench_log "scipy and Evidently (bench/drift/compare.py, $ROUNDS timed reports each)"
ROUNDS=$ROUNDS PYTHONDONTWRITEBYTECODE=1 "$ML_PYTHON" "$ROOT/bench/drift/compare.py" "$ml" "$raw/flightql-drift.json" \
    >"$raw/compare.md"
versions=$("$ML_PYTHON" -c 'import importlib.metadata as m; print(", ".join(f"{p} {m.version(p)}" for p in ("scipy", "numpy", "pandas", "evidently")))')

{
    echo "## drift: the drift report beside scipy and Evidently"
    echo
    echo "$started"
    echo
    echo "FlightQL: \`Sources/Drift\` built release in \`bench/drift\` (DriftBench). Data: the peers' \`ml/prepare.py\` feature"
    echo "table from \`data/nycflights13\` (weather interpolated there), months 1–9 as the reference, 10–12 as the current"
    echo "window; FlightQL's stored reference keeps at most 1,000 knots per numeric feature, scipy works on the full"
    echo "columns. \"anchor\" is section A of \`../shared/anchors/ml.md\` (Evidently's score and drift decision). $versions."
    echo "Timing: FlightQL's median of 9 reports in one process; scipy/numpy and Evidently the median of $ROUNDS, each a"
    echo "whole report of the 13 features (Evidently: \`Report([DataDriftPreset()])\` with its tests)."
    echo
    sed 's/^### /#### /' "$raw/compare.md"
} >"$RESULTS_DIR/drift.md"
cat "$RESULTS_DIR/drift.md" >&2
