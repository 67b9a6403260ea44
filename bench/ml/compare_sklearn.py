"""scikit-learn at FlightQL's delay-tree settings, on the same time split, for side-by-side figures.

Input: train.csv / test.csv written by ../shared/bench-peers/ml/prepare.py (months 1-9 / 10-12; weather
interpolated there). Directory from $ML_DATA (default /tmp/data/ml).
Settings: FlightQL's defaults (HyperParameters in Sources/DelayModel/CARTTrainer.swift): max_depth 5,
min_samples_leaf 200, Gini, `month` not used. Override with --max-depth / --min-samples-leaf / --with-month.
Rows printed:
  * ordinal: carrier/origin/dest -> index in the sorted training values (unseen -> -1), as tree_anchor.py;
  * one-hot: carrier/origin/dest one-hot (the closest sklearn gets to FlightQL's category-subset splits).
Metrics as FlightQL computes them: ROC AUC, accuracy at p >= 0.5, log loss (float64 eps clipping), the
majority baseline, MAE/RMSE of the leaf mean delay (a DecisionTreeRegressor-free "regression head": the
classifier's leaves' mean dep_delay). Fit time: median of 5 single-threaded fits (time.perf_counter).
Usage: /tmp/mlvenv/bin/python compare_sklearn.py [--max-depth 5] [--min-samples-leaf 200] [--with-month]
"""
import argparse
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import statistics
import time

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.preprocessing import OneHotEncoder
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

CATEGORICAL = ["carrier", "origin", "dest"]
NUMERIC = ["month", "day_of_week", "sched_dep_hour", "distance", "temp", "humid", "wind_speed", "precip",
           "pressure", "visib"]


def encode(train, test, numeric, onehot):
    if onehot:
        enc = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(train[CATEGORICAL])
        return (np.hstack([train[numeric].to_numpy(float), enc.transform(train[CATEGORICAL])]),
                np.hstack([test[numeric].to_numpy(float), enc.transform(test[CATEGORICAL])]))
    xtr, xte = train[numeric].to_numpy(float), test[numeric].to_numpy(float)
    cols_tr, cols_te = [xtr], [xte]
    for col in CATEGORICAL:
        codes = {v: i for i, v in enumerate(sorted(train[col].unique()))}
        cols_tr.append(train[col].map(codes).to_numpy(float)[:, None])
        cols_te.append(test[col].map(codes).fillna(-1).to_numpy(float)[:, None])
    return np.hstack(cols_tr), np.hstack(cols_te)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-depth", type=int, default=5)
    parser.add_argument("--min-samples-leaf", type=int, default=200)
    parser.add_argument("--with-month", action="store_true")
    args = parser.parse_args()
    data = os.environ.get("ML_DATA", "/tmp/data/ml")
    train, test = pd.read_csv(f"{data}/train.csv"), pd.read_csv(f"{data}/test.csv")
    numeric = NUMERIC if args.with_month else [c for c in NUMERIC if c != "month"]
    ytr, yte = train["delayed"].to_numpy(), test["delayed"].to_numpy()
    dtr, dte = train["dep_delay"].to_numpy(float), test["dep_delay"].to_numpy(float)
    prior = ytr.mean()
    print(f"scikit-learn DecisionTreeClassifier(gini, max_depth={args.max_depth}, "
          f"min_samples_leaf={args.min_samples_leaf}), month {'used' if args.with_month else 'not used'}; "
          f"train {len(train)} rows, test {len(test)} rows")
    print(f"majority baseline accuracy {accuracy_score(yte, np.full(len(yte), prior >= 0.5)):.4f}, "
          f"constant-rate log loss {log_loss(yte, np.full(len(yte), prior)):.4f}")
    print("| encoding | leaves | train AUC | test AUC | test acc | test log loss | delay MAE | delay RMSE | fit s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with threadpool_limits(limits=1):
        for name, onehot in [("ordinal", False), ("one-hot", True)]:
            xtr, xte = encode(train, test, numeric, onehot)
            times = []
            for _ in range(5):
                model = DecisionTreeClassifier(criterion="gini", max_depth=args.max_depth,
                                               min_samples_leaf=args.min_samples_leaf, random_state=0)
                t0 = time.perf_counter()
                model.fit(xtr, ytr)
                times.append(time.perf_counter() - t0)
            p = model.predict_proba(xte)[:, 1]
            leaf_mean = pd.Series(dtr).groupby(model.apply(xtr)).mean()
            delay = leaf_mean.reindex(model.apply(xte)).to_numpy()
            print(f"| {name} | {model.get_n_leaves()} | {roc_auc_score(ytr, model.predict_proba(xtr)[:, 1]):.4f} "
                  f"| {roc_auc_score(yte, p):.4f} | {accuracy_score(yte, p >= 0.5):.4f} | {log_loss(yte, p):.4f} "
                  f"| {np.mean(np.abs(delay - dte)):.3f} | {np.sqrt(np.mean((delay - dte) ** 2)):.3f} "
                  f"| {statistics.median(times):.3f} |")


if __name__ == "__main__":
    main()
