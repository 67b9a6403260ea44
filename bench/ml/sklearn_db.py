"""scikit-learn on the very rows `flightql train` trains and evaluates on, for bench section `model`.

    python sklearn_db.py FLIGHTQL_DB [--fits 3] [--max-depth 5] [--min-samples-leaf 200]

Reads the feature rows from FlightQL's SQLite with `flightql train`'s query (Sources/Relational/FlightFeatures.swift:
non-cancelled flights, weather LEFT JOINed on the scheduled departure hour, missing weather left missing), split as
`flightql train` splits (scheduled departure in 2013 months 1-9 / 10-12, New York time), `month` not used. Fits
DecisionTreeClassifier(gini) at FlightQL's settings with NaN handled natively, carrier/origin/dest ordinal and
one-hot (compare_sklearn.py's encodings), single-threaded; prints one JSON object per encoding (one line each): fit
seconds of every fit, fit + scoring of both sets (what `flightql train`'s "fit" figure covers besides the reference
distributions), leaves, train/test AUC and test log loss.
"""
import argparse
import json
import os
import sqlite3
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_sklearn import NUMERIC, encode  # noqa: E402

# ModelTrainingOptions' default windows: 2013-01-01/10-01/2014-01-01 at midnight in New York, in Unix seconds.
TRAINING = (1357016400, 1380600000)
EVALUATION = (1380600000, 1388552400)
QUERY = """
    SELECT f.month, f.day_of_week, f.sched_dep_hour, f.carrier, f.origin, f.dest, f.distance,
           w.temp, w.humid, w.wind_speed, w.precip, w.pressure, w.visib, f.dep_delay
    FROM flights f
    LEFT JOIN weather w ON w.origin = f.origin AND w.time_utc = f.sched_dep_utc - f.sched_dep_utc % 3600
    WHERE f.sched_dep_utc >= ? AND f.sched_dep_utc < ? AND f.dep_delay IS NOT NULL
    ORDER BY f.id
"""


def read(db, window):
    frame = pd.read_sql_query(QUERY, db, params=window)
    frame["delayed"] = (frame["dep_delay"] > 15).astype(int)
    return frame


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--fits", type=int, default=3)
    parser.add_argument("--max-depth", type=int, default=5)
    parser.add_argument("--min-samples-leaf", type=int, default=200)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    t0 = time.perf_counter()
    train, test = read(db, TRAINING), read(db, EVALUATION)
    read_s = time.perf_counter() - t0
    numeric = [c for c in NUMERIC if c != "month"]
    ytr, yte = train["delayed"].to_numpy(), test["delayed"].to_numpy()
    with threadpool_limits(limits=1):
        for name, onehot in [("ordinal", False), ("one-hot", True)]:
            xtr, xte = encode(train, test, numeric, onehot)
            fits, with_scoring = [], []
            for _ in range(args.fits):
                model = DecisionTreeClassifier(criterion="gini", max_depth=args.max_depth,
                                               min_samples_leaf=args.min_samples_leaf, random_state=0)
                t0 = time.perf_counter()
                model.fit(xtr, ytr)
                t1 = time.perf_counter()
                ptr, pte = model.predict_proba(xtr)[:, 1], model.predict_proba(xte)[:, 1]
                with_scoring.append(time.perf_counter() - t0)
                fits.append(t1 - t0)
            print(json.dumps({
                "encoding": name, "columns": xtr.shape[1], "train_rows": len(train), "test_rows": len(test),
                "read_s": read_s, "fit_s": fits, "fit_median_s": statistics.median(fits),
                "fit_and_scoring_median_s": statistics.median(with_scoring), "leaves": int(model.get_n_leaves()),
                "train_auc": roc_auc_score(ytr, ptr), "test_auc": roc_auc_score(yte, pte),
                "test_log_loss": log_loss(yte, pte),
            }))


if __name__ == "__main__":
    main()
