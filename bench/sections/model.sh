#!/usr/bin/env bash
# Section model: the delay tree trained by `flightql train` (release) beside scikit-learn's DecisionTreeClassifier at
# the same settings (gini, max depth 5, min samples per leaf 200, `month` not used) on the same rows: both read the
# feature rows of FlightQL's SQLite with the same query and split (months 1-9 train, 10-12 test; missing weather left
# missing, each library handling it natively) — bench/ml/sklearn_db.py. Fit time (median of ROUNDS, default 3) and
# train/test AUC and test log loss, with ratios. Env: ROUNDS (3), FLIGHTQL_BIN (use this flightql, not a release
# build), FLIGHTQL_DB (.flightql/flightql.sqlite).
set -euo pipefail
source "$ROOT/bench/common.sh"

ROUNDS=${ROUNDS:-3}
raw=$WORK/model
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.json "$raw"/*.log

ensure_ml_venv
db=${FLIGHTQL_DB:-.flightql/flightql.sqlite}
use_flightql "$db"

for round in $(seq 1 "$ROUNDS"); do
    bench_log "flightql train, round $round of $ROUNDS"
    start=$(date +%s%N)
    "$FLIGHTQL_BIN" train --db "$db" --out "$raw/model.json" >"$raw/flightql-$round.txt" 2>"$raw/flightql-$round.log"
    echo "wall $(( ($(date +%s%N) - start) / 1000000 )) ms" >>"$raw/flightql-$round.txt"
    cat "$raw/flightql-$round.txt" >&2
done
bench_log "scikit-learn (bench/ml/sklearn_db.py, $ROUNDS fits per encoding)"
PYTHONDONTWRITEBYTECODE=1 "$ML_PYTHON" "$ROOT/bench/ml/sklearn_db.py" "$db" --fits "$ROUNDS" | tee "$raw/sklearn.json" >&2
versions=$("$ML_PYTHON" -c 'import sklearn, numpy; print(f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}")')

python3 - "$raw" "$ROUNDS" "$FLIGHTQL_ORIGIN" "$db" "$versions" >"$RESULTS_DIR/model.md" <<'PY'
import datetime, glob, json, re, statistics, sys

raw, rounds, origin, db, versions = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
runs = []
for path in sorted(glob.glob(f"{raw}/flightql-*.txt")):
    text = open(path).read()
    two = lambda label: [float(x) for x in re.search(rf"^{label}\s+([0-9.]+)\s+([0-9.]+)", text, re.M).groups()]
    runs.append(dict(
        leaves=int(re.search(r"(\d+) leaves", text).group(1)),
        rows=[int(float(x)) for x in two("rows")], auc=two("ROC AUC"), log_loss=two("log loss")[1],
        read=float(re.search(r"read ([0-9.]+) s", text).group(1)), fit=float(re.search(r"fit ([0-9.]+) s", text).group(1)),
        wall=int(re.search(r"wall (\d+) ms", text).group(1)) / 1000))
sk = {r["encoding"]: r for r in map(json.loads, open(f"{raw}/sklearn.json").read().split("\n")[:-1])}
fq = runs[-1]
fit = statistics.median(r["fit"] for r in runs)
wall = statistics.median(r["wall"] for r in runs)
read = statistics.median(r["read"] for r in runs)
load = " ".join(open("/proc/loadavg").read().split()[:3])
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
same_rows = all(s["train_rows"] == fq["rows"][0] and s["test_rows"] == fq["rows"][1] for s in sk.values())
out = [
    "## model: delay tree training, FlightQL beside scikit-learn", "",
    f"Run {now}; load average at the end of the section {load} (1, 5, 15 min).", "",
    f"The same rows for both: the feature rows of `{db}` read with `flightql train`'s query (non-cancelled flights,",
    "weather joined on the scheduled departure hour, missing weather left missing: each library handles it natively),",
    f"train = 2013 months 1–9 ({fq['rows'][0]:,} rows), test = months 10–12 ({fq['rows'][1]:,} rows), New York time"
    + ("" if same_rows else " (**scikit-learn read a different number of rows**)") + ".",
    "Settings: gini, max depth 5, min samples per leaf 200, `month` not used (FlightQL's defaults). FlightQL splits a",
    "category on a subset of its values; scikit-learn gets carrier/origin/dest ordinal (sorted codes) and one-hot.",
    f"Fit times: median of {rounds}, one thread ({versions}, `threadpool_limits(1)`). FlightQL's figure is",
    "`flightql train`'s own \"fit\" (the tree, scoring both sets and the stored reference distributions for drift,",
    "printed to 10 ms); scikit-learn's \"fit + scoring\" adds `predict_proba` on both sets, so the ratios in the",
    "last column are like for like except FlightQL's reference distributions.",
    f"FlightQL binary: {origin}.", "",
    "| model | leaves | train AUC | test AUC | test log loss | fit s | fit + scoring s | ÷ FlightQL's fit |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    f"| FlightQL `flightql train` (subset splits, 255 bins) | {fq['leaves']} | {fq['auc'][0]:.4f} | {fq['auc'][1]:.4f} "
    f"| {fq['log_loss']:.4f} | — | {fit:.2f} | 1× |",
]
for name in ("ordinal", "one-hot"):
    s = sk[name]
    times = f"{s['fit_and_scoring_median_s'] / fit:.1f}×" if fit else "—"
    out.append(f"| scikit-learn, {name} ({s['columns']} columns) | {s['leaves']} | {s['train_auc']:.4f} | {s['test_auc']:.4f} "
               f"| {s['test_log_loss']:.4f} | {s['fit_median_s']:.3f} | {s['fit_and_scoring_median_s']:.3f} | {times} |")
best = max(sk.values(), key=lambda s: s["test_auc"])
out += ["",
        f"FlightQL's test AUC minus scikit-learn's best ({best['encoding']}): {fq['auc'][1] - best['test_auc']:+.4f}; test log loss "
        f"{fq['log_loss'] - best['test_log_loss']:+.4f} (lower is better). No issue sets a target for this section.",
        f"Whole `flightql train` (start, read SQLite {read:.2f} s, features, fit, write the artifact): {wall:.2f} s, "
        f"median of {rounds}; scikit-learn's read of the same rows with pandas: {sk['ordinal']['read_s']:.2f} s."]
print("\n".join(out))
PY
cat "$RESULTS_DIR/model.md" >&2
