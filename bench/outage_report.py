#!/usr/bin/env python3
"""The soak section's outage table (Markdown on stdout): the load of each phase and what the curl samples saw.

    outage_report.py RAW --phases START KILL RESTART END --up UP --rss BEFORE AFTER --alive yes|no
                     --origin TEXT --load TEXT --interval SECONDS

RAW holds outage-{before,during,after}.txt (wrk with bench/soak.lua: KIND, RESULT and ERRORS lines) and
sample-FIELD.tsv (unix_ms, HTTP code, seconds, body per line) for the SQLite queries (airline, flights) and the
MongoDB ones (flightStatuses, flight). START, KILL, RESTART, END and UP are unix milliseconds: the load's start,
MongoDB's SIGKILL, its restart command, the load's end and the moment the restarted server accepted connections.
"""
import argparse
import json
from datetime import datetime, timezone

PHASES = ("before", "during", "after")
TITLES = {"before": "before", "during": "MongoDB down", "after": "after the restart"}
SQLITE = {"airline": "Q1 `airline`", "flights": "Q2 `flights`"}
MODEL = {"predictDelay": "`predictDelay` (model; logs to MongoDB)"}
MONGO = {"flightStatuses": ("`flightStatuses` page", ["flightStatuses"]),
         "flight": ("`flight { statuses }`", ["flight", "statuses"])}
UNAVAILABLE = "document store unavailable"
paths_seen = {}  # field -> the paths of its `document store unavailable` errors


def read_wrk(path):
    kinds, result, errors = {}, None, None
    for line in open(path):
        parts = line.split()
        if parts[:1] == ["KIND"]:
            kinds[parts[1]] = tuple(map(int, parts[2:]))
        elif parts[:1] == ["RESULT"]:
            result = parts[1:]
        elif parts[:1] == ["ERRORS"]:
            errors = tuple(map(int, parts[1:]))
    return kinds, result, errors


def classify(field, code, body, expected_path):
    """ok, unavailable (at the expected path, or the start of it), or what else was answered."""
    if code == "000":
        return "no answer"
    if code != "200":
        return f"HTTP {code}"
    try:
        answer = json.loads(body)
    except ValueError:
        return "not JSON"
    errors = answer.get("errors") or []
    if not errors:
        return "ok" if answer.get("data") else "no data"
    for error in errors:
        path = error.get("path") or []
        if error.get("message") != UNAVAILABLE or path[:len(expected_path)] != expected_path:
            return f"error {error.get('message')!r} at {path}"
        paths_seen.setdefault(field, set()).add(".".join(map(str, path)))
    return "unavailable"


def read_samples(field, expected_path, bounds):
    """Per phase (the one the answer came in): [(start_ms, done_ms, latency_s, outcome)] of the samples answered
    before the load ended."""
    start, kill, restart, end = bounds
    phases = {p: [] for p in PHASES}
    for line in open(f"{args.raw}/sample-{field}.tsv").read().splitlines():
        parts = line.split("\t", 3)
        if len(parts) < 3:
            continue
        done, code, seconds = int(parts[0]), parts[1], float(parts[2])
        if done > end:
            continue
        phase = "before" if done < kill else "during" if done < restart else "after"
        outcome = classify(field, code, parts[3] if len(parts) > 3 else "", expected_path)
        phases[phase].append((done - seconds * 1000, done, seconds, outcome))
    return phases


def clock(ms):
    return f"{datetime.fromtimestamp(ms / 1000, timezone.utc):%H:%M:%S}"


def met(ok):
    return "met" if ok else "**missed**"


parser = argparse.ArgumentParser()
parser.add_argument("raw")
parser.add_argument("--phases", nargs=4, type=int, required=True)
parser.add_argument("--up", type=int, required=True)
parser.add_argument("--rss", nargs=2, type=int, required=True)
parser.add_argument("--alive", required=True)
parser.add_argument("--origin", required=True)
parser.add_argument("--load", required=True)
parser.add_argument("--interval", required=True)
args = parser.parse_args()
start, kill, restart, end = args.phases
load_avg = " ".join(open("/proc/loadavg").read().split()[:3])

print("## Soak: MongoDB killed and restarted under load (`make bench ONLY=soak SOAK_PARTS=outage`)\n")
print(f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; load average at the end {load_avg} (1, 5, 15 min). "
      f"`{args.load}` in three runs (before, during and after the outage), each request one of Q1 `airline` and Q2 "
      "`flights` (SQLite), `predictDelay` (model), a `flightStatuses` page and `flight { statuses }` (MongoDB) at "
      f"random. The MongoDB server (scripts/mongodb-test-server.sh) was killed with SIGKILL at {clock(kill)} "
      f"({(kill - start) / 1000:.1f} s in) and started again on the same port at {clock(restart)} (accepting "
      f"{(args.up - restart) / 1000:.1f} s later). Beside the load, curl sent Q1, Q2 and both MongoDB queries every "
      f"{args.interval} s. FlightQL binary: {args.origin}.\n")

wrk = {p: read_wrk(f"{args.raw}/outage-{p}.txt") for p in PHASES}
print("| phase | s | requests | req/s | p50 ms | p99 ms | non-2xx | socket errors (connect/read/write/timeout) "
      "| SQLite and model answers with errors | MongoDB answers with errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
bounds = {"before": (start, kill), "during": (kill, restart), "after": (restart, end)}
load_failures = 0
relational_failures = 0
for p in PHASES:
    kinds, result, errors = wrk[p]
    requests, rps, p50, p99, _ = result[:5]
    connect, read, write, timeout, non2xx = errors
    relational = sum(n + e for f, (_, n, e, _) in kinds.items() if f in SQLITE or f in MODEL or f == "other")
    mongo = sum(n + e for f, (_, n, e, _) in kinds.items() if f in MONGO)
    mongo_answers = sum(a for f, (a, _, _, _) in kinds.items() if f in MONGO)
    load_failures += connect + read + write + timeout + non2xx
    relational_failures += relational
    seconds = (bounds[p][1] - bounds[p][0]) / 1000
    print(f"| {TITLES[p]} | {seconds:.1f} | {int(requests):,} | {float(rps):,.0f} | {float(p50):.2f} | {float(p99):.2f} "
          f"| {non2xx} | {connect}/{read}/{write}/{timeout} | {relational} | {mongo:,} of {mongo_answers:,} |")

print("\nCurl samples per phase (ok / total; for the MongoDB queries also the answers that were `document store "
      "unavailable` at the field's path, and the slowest answer):\n")
samples = {}
for field in SQLITE:
    samples[field] = read_samples(field, [], args.phases)
for field, (_, path) in MONGO.items():
    samples[field] = read_samples(field, path, args.phases)
print("| query | " + " | ".join(TITLES[p] for p in PHASES) + " | slowest answer |")
print("| --- | " + " | ".join("---" for _ in PHASES) + " | ---: |")
others = []
for field, title in list(SQLITE.items()) + [(f, t) for f, (t, _) in MONGO.items()]:
    cells = []
    for p in PHASES:
        runs = samples[field][p]
        ok = sum(1 for *_, o in runs if o == "ok")
        cell = f"{ok} / {len(runs)}"
        if field in MONGO:
            cell += f", unavailable {sum(1 for *_, o in runs if o == 'unavailable')}"
        cells.append(cell)
        others += [(field, p, o) for *_, o in runs if o not in ("ok", "unavailable")]
    slowest = max((s for p in PHASES for _, _, s, _ in samples[field][p]), default=0)
    print(f"| {title} | " + " | ".join(cells) + f" | {slowest * 1000:.0f} ms |")
print()
for field, (title, _) in MONGO.items():
    paths = ", ".join(f"`{p}`" for p in sorted(paths_seen.get(field, ())))
    print(f"- {title}: `{UNAVAILABLE}` at {paths or 'no path (never seen)'}")
for field, p, outcome in others[:10]:
    print(f"- {field} {TITLES[p]}: {outcome}")

# Recovery: the first good sample of each MongoDB query after the restart, and whether every later one was good.
print()
recovery_rows = []
for field, (title, path) in MONGO.items():
    after = samples[field]["after"]
    first = next((i for i, (*_, o) in enumerate(after) if o == "ok"), None)
    during = samples[field]["during"]
    first_down = next((d for _, d, _, o in during if o == "unavailable"), None)
    outage_latency = max((s for *_, s, _ in during), default=0)
    if first is None:
        recovery_rows.append(f"| {title} | no good answer after the restart | **missed** |")
        continue
    later = [o for *_, o in after[first:]]
    good = later.count("ok") == len(later)
    at = after[first][1]
    down = "" if first_down is None else (
        f"first `{UNAVAILABLE}` answered {(first_down - kill) / 1000:.1f} s after the kill, slowest answer of the "
        f"outage {outage_latency:.1f} s; ")
    recovery_rows.append(
        f"| {title} answers again | {down}first good answer {(at - restart) / 1000:.1f} s after the restart command "
        f"(MongoDB accepted after {(args.up - restart) / 1000:.1f} s); {later.count('ok')} of {len(later)} good from "
        f"then | {met(good)} |")

sqlite_samples = [o for f in SQLITE for p in PHASES for *_, o in samples[f][p]]
sqlite_ok = sqlite_samples.count("ok") == len(sqlite_samples) and relational_failures == 0
mongo_wrong = [o for f in MONGO for p in PHASES for *_, o in samples[f][p] if o not in ("ok", "unavailable")]
# An answer that came after the kill may still be good if it was sent before.
mongo_down = all(o == "unavailable" for f in MONGO for began, _, _, o in samples[f]["during"] if began >= kill)
print("| target | figure | |\n| --- | --- | --- |")
print(f"| no time-out, socket error or non-2xx in any phase | {load_failures} | {met(load_failures == 0)} |")
print(f"| SQLite and model fields never fail | wrk: {relational_failures} answers with errors; curl: "
      f"{sqlite_samples.count('ok')} of {len(sqlite_samples)} Q1/Q2 samples good | {met(sqlite_ok)} |")
print(f"| MongoDB fields fail only with `{UNAVAILABLE}` at their path | samples otherwise failed: {len(mongo_wrong)}; "
      f"every sample sent during the outage unavailable: {'yes' if mongo_down else 'no'} "
      f"| {met(not mongo_wrong and mongo_down)} |")
for row in recovery_rows:
    print(row)
print(f"| the server stays up; VmRSS | {'up' if args.alive == 'yes' else 'DIED'}; "
      f"{args.rss[0] / 1024:.1f} MiB before the load → {args.rss[1] / 1024:.1f} MiB after "
      f"({(args.rss[1] - args.rss[0]) / args.rss[0] * 100:+.1f}%) | {met(args.alive == 'yes')} |")
