#!/usr/bin/env python3
"""Computes the expected delayStats answers straight from data/nycflights13/flights.csv.gz.

Independent of the Swift code: reads the CSV with the standard library and writes
delay-stats.json next to this script. Run from anywhere: python3 delay_stats.py
Definitions: flights = every flight of the group; cancelled = dep_time is NA; mean, exact median
and share delayed > 15 minutes over the non-cancelled flights' dep_delay; HOUR = local scheduled
hour; DAY_OF_WEEK = ISO (1 = Monday); scheduled departure (UTC) = time_hour + minute.
"""
import csv
import datetime
import gzip
import json
import pathlib
import statistics

HERE = pathlib.Path(__file__).resolve().parent
FLIGHTS = HERE.parents[2] / "data" / "nycflights13" / "flights.csv.gz"


def utc_seconds(text):
    return int(datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())


def key(row, group):
    if group == "CARRIER":
        return row["carrier"]
    if group == "ORIGIN":
        return row["origin"]
    if group == "DESTINATION":
        return row["dest"]
    if group == "MONTH":
        return int(row["month"])
    if group == "HOUR":
        return int(row["hour"])
    if group == "DAY_OF_WEEK":
        return datetime.date(int(row["year"]), int(row["month"]), int(row["day"])).isoweekday()
    raise ValueError(group)


def matches(row, flt):
    departure = utc_seconds(row["time_hour"]) + 60 * int(row["minute"])
    return (
        ("carrier" not in flt or row["carrier"] == flt["carrier"])
        and ("origin" not in flt or row["origin"] == flt["origin"])
        and ("from" not in flt or departure >= flt["from"])
        and ("to" not in flt or departure < flt["to"])
    )


def stats(rows, group, flt):
    groups = {}
    for row in rows:
        if matches(row, flt):
            groups.setdefault(key(row, group), []).append(row)
    result = []
    for k in sorted(groups):
        members = groups[k]
        delays = [int(r["dep_delay"]) for r in members if r["dep_time"] != "NA"]
        result.append({
            "key": str(k),
            "flights": len(members),
            "cancelled": sum(r["dep_time"] == "NA" for r in members),
            "mean": statistics.fmean(delays) if delays else None,
            "median": float(statistics.median(delays)) if delays else None,
            "delayedShare": sum(d > 15 for d in delays) / len(delays) if delays else 0.0,
        })
    return result


def main():
    with gzip.open(FLIGHTS, "rt", newline="") as f:
        rows = list(csv.DictReader(f))
    july = {"from": utc_seconds("2013-07-01T04:00:00Z"), "to": utc_seconds("2013-08-01T04:00:00Z")}
    cases = [(g, {}) for g in ["CARRIER", "ORIGIN", "DESTINATION", "MONTH", "HOUR", "DAY_OF_WEEK"]]
    cases += [("HOUR", {"carrier": "UA"}), ("DAY_OF_WEEK", {"origin": "JFK"}), ("CARRIER", july)]
    out = [{"groupBy": g, "filter": flt, "stats": stats(rows, g, flt)} for g, flt in cases]
    (HERE / "delay-stats.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
