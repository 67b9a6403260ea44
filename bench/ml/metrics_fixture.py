"""Print the metric fixture used by Tests/DelayModelTests/MetricsTests.swift (scikit-learn / numpy values).

Run: python3 metrics_fixture.py   (needs numpy and scikit-learn)
"""
import numpy as np
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score

rng = np.random.default_rng(7)
labels = rng.random(40) < 0.35
# Scores rounded to one decimal so there are many ties across classes.
scores = np.round(np.clip(0.3 + 0.4 * labels + rng.normal(0, 0.25, 40), 0, 1), 1)

print("labels:", "[" + ", ".join("true" if v else "false" for v in labels) + "]")
print("scores:", "[" + ", ".join(repr(float(v)) for v in scores) + "]")
print("roc_auc_score:", repr(float(roc_auc_score(labels, scores))))
print("log_loss:", repr(float(log_loss(labels, scores))))
print("accuracy_score (p >= 0.5):", repr(float(accuracy_score(labels, scores >= 0.5))))
column = np.array([3.5, -1.0, 2.0, 2.0, 10.25, 7.0, 0.5, 4.0, 9.0, 6.5])
print("quantiles 0.1..0.9:", [repr(float(v)) for v in np.quantile(column, np.arange(1, 10) / 10)])
print("mean, std:", repr(float(column.mean())), repr(float(column.std())))
