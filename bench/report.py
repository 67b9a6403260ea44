#!/usr/bin/env python3
"""Turns the raw output of a bench section into its Markdown table (stdout) and a console summary (stderr).

    report.py parse RAW_DIR      RAW_DIR: flightql.txt, graphql-core.txt, graphqlswift.txt, notes.txt
    report.py http RAW_DIR       RAW_DIR: flightql.txt (bench.sh's output and the predictDelay runs in its format),
                                 ariadne.txt, limit.txt (bench.sh output), notes.txt

The targets are those of issue 3 (parse) and issue 4 (http); each is marked met or missed.
"""
import datetime
import os
import re
import statistics
import sys

NUM = r"([0-9.]+)"


def read(path):
    return open(path).read() if os.path.exists(path) else ""


def run_line():
    load = open("/proc/loadavg").read().split()[:3]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"Run {now}; load average at the end of the section {' '.join(load)} (1, 5, 15 min)."


def fmt(x, digits=None):
    if x is None:
        return "—"
    if digits is None:
        digits = 0 if x >= 1000 else 1 if x >= 10 else 2
    return f"{x:,.{digits}f}"


def ratio(num, den):
    return None if num is None or den is None or den == 0 else num / den


def rfmt(x, percent=False):
    if x is None:
        return "—"
    if percent:
        return f"{x * 100:.0f}%" if x >= 0.1 else f"{x * 100:.1f}%"
    return f"{x:.1f}×" if x >= 1 else f"{x:.2f}×"


def mark(value, threshold, why_missing="no figure"):
    if value is None:
        return f"not measured ({why_missing})"
    return "**met**" if value >= threshold else "**missed**"


# ----------------------------------------------------------------------------------------------- parse
def add(table, doc, **figures):
    """Appends one pass's figures for a document (a run may hold several passes)."""
    for k, v in figures.items():
        table.setdefault(doc, {}).setdefault(k, []).append(v)


def medians(table):
    def med(values):
        values = sorted(v for v in values if v is not None)
        return statistics.median(values) if values else None
    return {doc: {k: med(v) for k, v in figures.items()} for doc, figures in table.items()}


def parse_section(raw):
    fq, core, swift = {}, {}, {}
    fq_text = read(os.path.join(raw, "flightql.txt"))
    for m in re.finditer(r"^RESULT (\S+) (\d+) (\S+) (\S+) (\S+) (\S+)$", fq_text, re.M):
        vals = [None if v == "NA" else float(v) for v in m.groups()[2:]]
        add(fq, m.group(1), bytes=int(m.group(2)), parse=vals[0], pv=vals[1], pvx=vals[2], cached=vals[3])
    for m in re.finditer(rf"^graphql-core\s+(\S+)\s+bytes=\s*(\d+)\s+parse\s+{NUM} us.*?parse\+validate\s+{NUM} us"
                         rf".*?parse\+validate \(no OFCBM\)\s+{NUM} us", read(os.path.join(raw, "graphql-core.txt")), re.M):
        add(core, m.group(1), bytes=int(m.group(2)), parse=float(m.group(3)), pv=float(m.group(4)),
            pvx=float(m.group(5)))
    for m in re.finditer(rf"^swift GraphQL\s+(\S+)\s+bytes=\s*(\d+)\s+parse\s+{NUM} us.*?parse\+validate\s+{NUM} us",
                         read(os.path.join(raw, "graphqlswift.txt")), re.M):
        add(swift, m.group(1), bytes=int(m.group(2)), parse=float(m.group(3)), pvx=float(m.group(4)))
    fq, core, swift = (medians(x) for x in (fq, core, swift))
    versions = re.search(r"^graphql-core \S+, Python \S+", read(os.path.join(raw, "graphql-core.txt")), re.M)
    fq_note = ""
    if not fq:
        first = (fq_text.strip().splitlines() or ["no output"])[-1]
        fq_note = f"FlightQL: {first}"

    docs = list(dict.fromkeys(list(fq) + list(core) + list(swift)))
    out = ["## parse: engine parse and parse + validate", "", run_line(), ""]
    out += ["µs per operation, median of 7 rounds of at least 0.2 s each (the peers' method); lower is better.",
            "\"all rules\" = every rule of the spec section 5 (FlightQL's `specifiedRules`, graphql-core's",
            "`specified_rules`); \"no OFCBM\" = the same without OverlappingFieldsCanBeMerged, which GraphQLSwift 4.3.0",
            "leaves out of its default rules (its only parse+validate figure). \"cached\" = a second",
            "`GraphQLEngine.prepare(query:)` of the same text (the engine's document cache).",
            f"Peers: {versions.group(0) if versions else 'graphql-core: no figures'}; GraphQLSwift/GraphQL 4.3.0 (release).", ""]
    notes = read(os.path.join(raw, "notes.txt")).strip()
    if notes:
        out += [notes, ""]
    if fq_note:
        out += [f"**{fq_note}**", ""]
    out += ["| document | operation | FlightQL | graphql-core | GraphQLSwift | graphql-core ÷ FlightQL | GraphQLSwift ÷ FlightQL |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    targets = []
    for d in docs:
        f, c, s = fq.get(d, {}), core.get(d, {}), swift.get(d, {})
        size = f.get("bytes") or c.get("bytes") or s.get("bytes")
        label = f"{d} ({int(size):,} B)" if size else d
        rows = [("parse", f.get("parse"), c.get("parse"), s.get("parse")),
                ("parse + validate, all rules", f.get("pv"), c.get("pv"), None),
                ("parse + validate, no OFCBM", f.get("pvx"), c.get("pvx"), s.get("pvx")),
                ("cached prepare", f.get("cached"), None, None)]
        for name, a, b, z in rows:
            out.append(f"| {label} | {name} | {fmt(a)} | {fmt(b)} | {fmt(z)} | {rfmt(ratio(b, a))} | {rfmt(ratio(z, a))} |")
        p_sw = ratio(s.get("parse"), f.get("parse"))
        pv_core = ratio(c.get("pv"), f.get("pv"))
        pv_sw = ratio(s.get("pvx"), f.get("pv"))
        targets.append((d, "parse ≥ 10× faster than GraphQLSwift", rfmt(p_sw), mark(p_sw, 10)))
        targets.append((d, "parse + validate (all rules) ≥ 20× faster than graphql-core (all rules)", rfmt(pv_core),
                        mark(pv_core, 20)))
        targets.append((d, "parse + validate (all rules) ≥ 10× faster than GraphQLSwift (its default rules)",
                        rfmt(pv_sw), mark(pv_sw, 10)))
        cached, pv = f.get("cached"), f.get("pv")
        share = ratio(cached, pv)
        if share is None:
            targets.append((d, "cached document: no measurable parse/validate cost (≤ 1% of parse + validate)",
                            "—", "not measured (engine has no document cache yet)" if f else "not measured"))
        else:
            targets.append((d, "cached document: no measurable parse/validate cost (≤ 1% of parse + validate)",
                            f"{fmt(cached)} µs = {share * 100:.2f}%", "**met**" if share <= 0.01 else "**missed**"))
    out += ["", "Targets (issue 3), side by side in this run:", "",
            "| document | target | FlightQL's figure | |", "| --- | --- | ---: | --- |"]
    out += [f"| {d} | {t} | {v} | {m} |" for d, t, v, m in targets]
    return out


# ------------------------------------------------------------------------------------------------ http
LINE = re.compile(rf"^(\S+)\s+(\S+)\s+c=(\d+)\s+{NUM} req/s\s+p50\s+{NUM} ms\s+p99\s+{NUM} ms\s+non2xx (\d+)\s+"
                  rf"sockerr (\d+)\s+\(n=(\d+)\)", re.M)
CHECK = re.compile(r"^(\S+) (\S+) check: (ok|FAIL)(.*)$", re.M)
SERVERS = [("flightql", "FlightQL"), ("ariadne", "ariadne peer"), ("limit", "limit server")]
QUERIES = [("q1", "Q1 airline"), ("q2", "Q2 flights JFK→LAX, 20 nodes"), ("q3", "Q3 introspection"),
           ("predictDelay", "predictDelay (FlightQL only)")]


def http_section(raw):
    runs, checks, headers, problems = {}, {}, {}, {}
    for key, _ in SERVERS:
        text = read(os.path.join(raw, f"{key}.txt"))
        h = re.search(r"^# .*$", text, re.M)
        headers[key] = h.group(0)[2:] if h else None
        for m in LINE.finditer(text):
            n = int(m.group(9))
            runs[(key, m.group(2), int(m.group(3)))] = dict(  # a run that completed no request has no figures
                rps=float(m.group(4)) if n else None, p50=float(m.group(5)) if n else None,
                p99=float(m.group(6)) if n else None, non2xx=int(m.group(7)), sockerr=int(m.group(8)), n=n)
        for m in CHECK.finditer(text):
            checks[(key, m.group(2))] = (m.group(3), m.group(4).strip())
        p = [ln for ln in text.splitlines() if ln.startswith("NOT RUN") or ln.startswith("FAILED")]
        if p:
            problems[key] = p
    conns = sorted({c for (_, _, c) in runs}) or [16, 64]

    out = ["## http: Q1, Q2, Q3 and predictDelay over HTTP (wrk)", "", run_line(), ""]
    notes = read(os.path.join(raw, "notes.txt")).strip()
    if notes:
        out += [notes, ""]
    for key, name in SERVERS:
        if headers.get(key):
            out.append(f"- {name}: `{headers[key]}`")
        for p in problems.get(key, []):
            out.append(f"- {name}: **{p}**")
    out += ["", "Requests per second (higher is better), p50 and p99 latency in ms. \"check\" is bench.sh's curl check of",
            "the answer (HTTP 200, JSON, `data` not null, no `errors`); the limit server answers Q2's bytes to every",
            "request, so it is run with Q2 only and its figure is the HTTP ceiling for every query. The peers do not",
            "implement predictDelay: its row has FlightQL's figures only.", "",
            "| query | conns | FlightQL req/s | p50 | p99 | check | ariadne req/s | p50 | p99 | check | limit req/s | p50 | p99 | FlightQL ÷ ariadne | FlightQL ÷ limit |",
            "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]

    def get(key, q, c):
        return runs.get((key, q, c), {})

    def chk(key, q):
        v = checks.get((key, q))
        return "—" if v is None else v[0] if v[0] == "ok" else "FAIL"

    for q, qname in QUERIES:
        for c in conns:
            f, a, lim = get("flightql", q, c), get("ariadne", q, c), get("limit", "q2", c)
            cells = [qname, str(c)]
            for key, r in (("flightql", f), ("ariadne", a)):
                rps = "none completed" if r.get("n") == 0 else fmt(r.get("rps"))
                cells += [rps, fmt(r.get("p50"), 2), fmt(r.get("p99"), 2), chk(key, q)]
                if r.get("non2xx") or r.get("sockerr"):
                    cells[-1] += f" (non-2xx {r['non2xx']}, socket errors {r['sockerr']})"
            cells += [fmt(lim.get("rps")), fmt(lim.get("p50"), 2), fmt(lim.get("p99"), 2)]
            cells += [rfmt(ratio(f.get("rps"), a.get("rps"))), rfmt(ratio(f.get("rps"), lim.get("rps")), percent=True)]
            out.append("| " + " | ".join(cells) + " |")

    failed = {q: checks.get(("flightql", q)) for q, _ in QUERIES}
    detail = [f"- FlightQL {dict(QUERIES)[q]} check FAIL: {v[1][:300]}" for q, v in failed.items() if v and v[0] != "ok"]

    def target(q, c, what, value, threshold, percent=False, lower=False):
        f = get("flightql", q, c)
        shown = "—" if value is None else (f"{value:.2f} ms" if lower else rfmt(value, percent))
        if value is None:
            verdict = "not measured"
        elif failed.get(q) and failed[q][0] != "ok":
            verdict = "**missed** (FlightQL's answer fails the check)"
        elif f.get("non2xx") or f.get("sockerr"):
            verdict = "**missed** (errors under load)"
        else:
            verdict = "**met**" if (value < threshold if lower else value >= threshold) else "**missed**"
        return f"| {q.upper()} | {c} | {what} | {shown} | {verdict} |"

    tlines = []
    for c in conns:
        tlines.append(target("q2", c, "≥ 20× the ariadne peer", ratio(get("flightql", "q2", c).get("rps"),
                                                                     get("ariadne", "q2", c).get("rps")), 20))
        tlines.append(target("q2", c, "≥ 20% of the limit server", ratio(get("flightql", "q2", c).get("rps"),
                                                                         get("limit", "q2", c).get("rps")), 0.2, True))
        tlines.append(target("q1", c, "≥ 60% of the limit server", ratio(get("flightql", "q1", c).get("rps"),
                                                                         get("limit", "q2", c).get("rps")), 0.6, True))
        tlines.append(target("q3", c, "≥ 50× the ariadne peer", ratio(get("flightql", "q3", c).get("rps"),
                                                                      get("ariadne", "q3", c).get("rps")), 50))
    for q in ("q1", "q2"):
        tlines.append(target(q, 64, "p99 under 10 ms", get("flightql", q, 64).get("p99"), 10, lower=True))
    out += ["", "Targets (issue 4; stated at 64 connections, shown at every count run):", "",
            "| query | conns | target | FlightQL's figure | |", "| --- | ---: | --- | ---: | --- |"] + tlines
    if detail:
        out += [""] + detail
    return out


def main():
    kind, raw = sys.argv[1], sys.argv[2]
    lines = parse_section(raw) if kind == "parse" else http_section(raw)
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    # The console summary: the tables without the prose.
    sys.stderr.write("\n" + "\n".join(ln for ln in lines if ln.startswith("|") or ln.startswith("#") or ln.startswith("- ")) + "\n")


if __name__ == "__main__":
    main()
