#!/usr/bin/env python3
"""Writes data/reference/airport-codes.csv.gz: ICAO code, IATA code and IANA time zone of every airport
that has both codes in the PyPI package `airportsdata` (MIT), for `flightql collect --source opensky`,
which receives ICAO codes and stores IATA codes with local dates.

Usage: pip install airportsdata==20260905 && scripts/make-airport-codes.py
"""
import csv
import gzip
import io
import pathlib

import airportsdata

rows = sorted(
    (icao, airport["iata"], airport["tz"])
    for icao, airport in airportsdata.load("ICAO").items()
    if airport["iata"] and len(icao) == 4 and airport["tz"]
)
text = io.StringIO()
writer = csv.writer(text, lineterminator="\n")
writer.writerow(["icao", "iata", "timezone"])
writer.writerows(rows)
target = pathlib.Path(__file__).resolve().parent.parent / "data/reference/airport-codes.csv.gz"
# mtime=0 keeps the file byte-identical across runs.
with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
    out.write(text.getvalue().encode())
print(f"{target}: {len(rows)} airports")
