import Foundation
public import Relational

/// The files of the nycflights13 data set and the airport supplement.
public struct NYCFlights13Files: Sendable, Hashable {
    public var airlines: String
    public var airports: String
    public var planes: String
    public var weather: String
    public var flights: String
    /// Airports missing from nycflights13, with a `source` column (plain or gzip CSV).
    public var supplement: String

    public init(
        airlines: String,
        airports: String,
        planes: String,
        weather: String,
        flights: String,
        supplement: String
    ) {
        self.airlines = airlines
        self.airports = airports
        self.planes = planes
        self.weather = weather
        self.flights = flights
        self.supplement = supplement
    }

    /// The files `airlines.csv.gz`, `airports.csv.gz`, `planes.csv.gz`, `weather.csv.gz` and
    /// `flights.csv.gz` in `dataDirectory`, plus `supplement`.
    public init(dataDirectory: String, supplement: String) {
        func file(_ name: String) -> String { "\(dataDirectory)/\(name).csv.gz" }
        self.init(
            airlines: file("airlines"),
            airports: file("airports"),
            planes: file("planes"),
            weather: file("weather"),
            flights: file("flights"),
            supplement: supplement
        )
    }

    var all: [String] { [airlines, airports, supplement, planes, weather, flights] }
}

/// Progress of a load, reported every few thousand rows.
public struct IngestProgress: Sendable, Hashable {
    /// What is being done: a table name while loading it, then `indexes`, then `analyze`.
    public var phase: String
    /// Rows loaded so far in this phase.
    public var rows: Int
    /// Fraction of the whole load done, 0…1 (by compressed bytes read).
    public var fraction: Double
}

/// A value replaced by `NULL` during ingest because it is physically implausible.
public struct FlaggedValue: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: String
    public var value: String
    public var reason: String
}

/// What a load did.
public struct IngestSummary: Sendable {
    /// Rows per table (`airlines`, `airports`, `planes`, `weather`, `flights`).
    public var rows: [String: Int]
    /// Codes of the airports added from the supplement.
    public var supplementedAirports: [String]
    /// Values set to missing (e.g. the 1,048 mph wind speed).
    public var flaggedValues: [FlaggedValue]
    /// Flights without a departure time.
    public var cancelledFlights: Int
    /// Flights without a tail number.
    public var flightsWithoutTailnum: Int
    /// Flights whose tail number is not in `planes`.
    public var flightsWithUnknownPlane: Int
    /// Flights with no weather row at the origin for the hour of scheduled departure.
    public var flightsWithoutWeather: Int
    /// Wall-clock duration of the load.
    public var duration: Duration
}

/// Loads nycflights13 into a ``Relational/Database`` in one transaction.
///
/// The load rebuilds every table inside one `BEGIN IMMEDIATE … COMMIT`: a second run gives the same
/// rows, the same row ids (CSV order) and the same public flight ids; a malformed row aborts the
/// load, rolls back, and leaves the previous contents untouched.
public enum NYCFlights13Loader {
    /// Wind speeds and gusts above this (mph) are physically implausible at the surface and are
    /// loaded as missing. The highest gust ever measured is 253 mph.
    public static let maximumPlausibleWindMPH = 200.0

    /// Loads the data set in `dataDirectory` (`*.csv.gz`) and the `supplement` CSV into `database`.
    public static func load(
        dataDirectory: String,
        supplement: String,
        into database: Database,
        progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) async throws -> IngestSummary {
        try await load(
            NYCFlights13Files(dataDirectory: dataDirectory, supplement: supplement),
            into: database,
            progress: progress
        )
    }

    /// Loads `files` into `database`.
    public static func load(
        _ files: NYCFlights13Files,
        into database: Database,
        progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) async throws -> IngestSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = try await database.write { connection in
            // Foreign keys are not checked row by row during the load: every carrier, origin and
            // destination is validated against the rows just loaded (with the line number) instead.
            // `threads = 2` lets SQLite sort with a helper thread while it builds the indexes.
            try connection.executeScript(
                """
                PRAGMA synchronous = OFF; PRAGMA cache_size = -131072; PRAGMA foreign_keys = OFF;
                PRAGMA threads = 2;
                """
            )
            defer {
                try? connection.executeScript(
                    """
                    PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON;
                    PRAGMA threads = 0;
                    """
                )
            }
            let summary = try connection.transaction {
                var load = try Load(files: files, connection: connection, progress: progress)
                return try load.run()
            }
            try connection.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
            return summary
        }
        summary.duration = clock.now - start
        return summary
    }
}

/// The state of one load, run on the writer connection inside the transaction.
private struct Load {
    let files: NYCFlights13Files
    let connection: Connection
    let progress: (@Sendable (IngestProgress) -> Void)?
    let totalBytes: Int
    var bytesOfFinishedFiles = 0
    let times = LocalTimeConverter()

    var airlineCodes: Set<String> = []
    var airportZones: [String: String?] = [:]
    var tailnums: Set<String> = []
    var summary = IngestSummary(
        rows: [:],
        supplementedAirports: [],
        flaggedValues: [],
        cancelledFlights: 0,
        flightsWithoutTailnum: 0,
        flightsWithUnknownPlane: 0,
        flightsWithoutWeather: 0,
        duration: .zero
    )

    init(files: NYCFlights13Files, connection: Connection, progress: (@Sendable (IngestProgress) -> Void)?) throws {
        self.files = files
        self.connection = connection
        self.progress = progress
        totalBytes = try files.all.reduce(0) { total, path in
            guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int else {
                let name = path.split(separator: "/").last.map(String.init) ?? path
                throw IngestError(.unreadableFile, file: name, line: nil, "cannot open")
            }
            return total + size
        }
    }

    mutating func run() throws -> IngestSummary {
        try Schema.recreateTables(connection)
        try loadAirlines()
        try loadAirports()
        try loadSupplement()
        try loadPlanes()
        try loadWeather()
        try loadFlights()
        report(IngestProgress(phase: "indexes", rows: 0, fraction: 1))
        try Schema.createIndexes(connection)
        summary.flightsWithoutWeather =
            try connection.first(
                """
                SELECT count(*) FROM flights f WHERE NOT EXISTS (SELECT 1 FROM weather w
                WHERE w.origin = f.origin AND w.time_utc = f.sched_dep_utc - f.sched_dep_utc % 3600)
                """
            ) { $0.int(0) } ?? 0
        try writeMetadata()
        report(IngestProgress(phase: "analyze", rows: 0, fraction: 1))
        // Statistics from a sample of each index are enough for the planner and much faster.
        try connection.executeScript("PRAGMA analysis_limit = 1000; ANALYZE")
        return summary
    }

    // MARK: Tables

    private mutating func loadAirlines() throws {
        try each(files.airlines, table: "airlines", columns: ["carrier", "name"]) { load, row in
            let code = try row.text(0)
            try load.connection.execute(
                "INSERT INTO airlines (code, name) VALUES (?, ?)",
                [.text(code), .text(try row.text(1))]
            )
            load.airlineCodes.insert(code)
        }
    }

    private mutating func loadAirports() throws {
        try each(
            files.airports,
            table: "airports",
            columns: ["faa", "name", "lat", "lon", "alt", "tz", "dst", "tzone"]
        ) { load, row in
            let code = try row.text(0)
            let zone = row.optionalText(7)
            try load.insertAirport(
                code: code,
                values: [
                    .text(code), .text(try row.text(1)), .real(try row.double(2)), .real(try row.double(3)),
                    SQLValue(try row.optionalInt(4)), SQLValue(try row.optionalDouble(5)),
                    SQLValue(row.optionalText(6)), SQLValue(zone), .text("nycflights13"),
                ],
                zone: zone
            )
        }
    }

    private mutating func loadSupplement() throws {
        let columns = ["code", "name", "latitude", "longitude", "altitude", "timezone", "source"]
        try each(files.supplement, table: "airports", columns: columns) { load, row in
            let code = try row.text(0)
            guard load.airportZones[code] == nil else {
                throw row.error("airport \(code) is already in nycflights13")
            }
            let zone = try row.text(5)
            guard
                let standardOffset = TimeZone(identifier: zone)?.secondsFromGMT(
                    for: Date(timeIntervalSince1970: 1_356_998_400)
                )
            else {
                throw row.error("unknown time zone in column timezone")
            }
            try load.insertAirport(
                code: code,
                values: [
                    .text(code), .text(try row.text(1)), .real(try row.double(2)), .real(try row.double(3)),
                    SQLValue(try row.optionalInt(4)), .real(Double(standardOffset) / 3600), .null, .text(zone),
                    .text(try row.text(6)),
                ],
                zone: zone
            )
            load.summary.supplementedAirports.append(code)
        }
    }

    private mutating func insertAirport(code: String, values: [SQLValue], zone: String?) throws {
        try connection.execute(
            """
            INSERT INTO airports (code, name, latitude, longitude, altitude, utc_offset, dst, timezone, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            values
        )
        airportZones[code] = .some(zone)
    }

    private mutating func loadPlanes() throws {
        let columns = ["tailnum", "year", "type", "manufacturer", "model", "engines", "seats", "speed", "engine"]
        try each(files.planes, table: "planes", columns: columns) { load, row in
            let tailnum = try row.text(0)
            try load.connection.execute(
                """
                INSERT INTO planes (tailnum, year, type, manufacturer, model, engines, seats, speed, engine)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(tailnum), SQLValue(try row.optionalInt(1)), SQLValue(row.optionalText(2)),
                    SQLValue(row.optionalText(3)), SQLValue(row.optionalText(4)),
                    SQLValue(try row.optionalInt(5)), SQLValue(try row.optionalInt(6)),
                    SQLValue(try row.optionalInt(7)), SQLValue(row.optionalText(8)),
                ]
            )
            load.tailnums.insert(tailnum)
        }
    }

    private mutating func loadWeather() throws {
        let columns = [
            "origin", "year", "month", "day", "hour", "temp", "dewp", "humid", "wind_dir", "wind_speed",
            "wind_gust", "precip", "pressure", "visib", "time_hour",
        ]
        try each(files.weather, table: "weather", columns: columns) { load, row in
            let origin = try row.text(0)
            guard load.airportZones[origin] != nil else { throw row.error("unknown airport in column origin") }
            let hour = try row.utcTime(14)
            guard hour % 3_600 == 0 else { throw row.error("column time_hour is not a whole hour") }
            let windSpeed = load.plausibleWind(try row.optionalDouble(9), row: row, column: 9)
            let windGust = load.plausibleWind(try row.optionalDouble(10), row: row, column: 10)
            try load.connection.execute(
                """
                INSERT INTO weather (origin, time_utc, temp, dewp, humid, wind_dir, wind_speed, wind_gust, precip,
                pressure, visib) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(origin), .integer(hour), SQLValue(try row.optionalDouble(5)),
                    SQLValue(try row.optionalDouble(6)), SQLValue(try row.optionalDouble(7)),
                    SQLValue(try row.optionalInt(8)), SQLValue(windSpeed), SQLValue(windGust),
                    SQLValue(try row.optionalDouble(11)), SQLValue(try row.optionalDouble(12)),
                    SQLValue(try row.optionalDouble(13)),
                ]
            )
        }
    }

    private mutating func plausibleWind(_ value: Double?, row: CSVRow, column: Int) -> Double? {
        guard let value, value > NYCFlights13Loader.maximumPlausibleWindMPH else { return value }
        summary.flaggedValues.append(
            FlaggedValue(
                file: row.file,
                line: row.line,
                column: row.columns[column],
                value: row.fields[column],
                reason: "above \(Int(NYCFlights13Loader.maximumPlausibleWindMPH)) mph; loaded as missing"
            )
        )
        return nil
    }

    private mutating func loadFlights() throws {
        let columns = [
            "year", "month", "day", "dep_time", "sched_dep_time", "dep_delay", "arr_time", "sched_arr_time",
            "arr_delay", "carrier", "flight", "tailnum", "origin", "dest", "air_time", "distance", "hour",
            "minute", "time_hour",
        ]
        try each(files.flights, table: "flights", columns: columns) { load, row in
            let year = try row.int(0)
            let month = try row.int(1)
            let day = try row.int(2)
            guard (1...12).contains(month), (1...31).contains(day) else { throw row.error("invalid date") }
            let cancelled = try row.optionalInt(3) == nil
            let carrier = try row.text(9)
            guard load.airlineCodes.contains(carrier) else { throw row.error("unknown carrier in column carrier") }
            let origin = try row.text(12)
            guard load.airportZones[origin] != nil else { throw row.error("unknown airport in column origin") }
            let destination = try row.text(13)
            guard let destinationZone = load.airportZones[destination] else {
                throw row.error("unknown airport in column dest")
            }
            let tailnum = row.optionalText(11)
            if let tailnum {
                if !load.tailnums.contains(tailnum) { load.summary.flightsWithUnknownPlane += 1 }
            } else {
                load.summary.flightsWithoutTailnum += 1
            }
            if cancelled { load.summary.cancelledFlights += 1 }

            // Scheduled departure: `time_hour` is the UTC hour of the local scheduled hour.
            let hour = try row.int(16)
            let minute = try row.int(17)
            guard (0...23).contains(hour), (0...59).contains(minute), try row.int(4) == hour * 100 + minute else {
                throw row.error("columns hour and minute disagree with sched_dep_time")
            }
            let timeHour = try row.utcTime(18)
            guard timeHour % 3_600 == 0 else { throw row.error("column time_hour is not a whole hour") }
            let departure = timeHour + Int64(minute * 60)

            // Scheduled arrival: local time at the destination on the departure date, or the next day
            // when that would precede the departure.
            let days = CivilTime.days(year: year, month: month, day: day)
            let arrivalTime = try row.int(7)
            guard (0...2400).contains(arrivalTime), arrivalTime % 100 < 60 else {
                throw row.error("invalid time in column sched_arr_time")
            }
            var arrival: Int64?
            if let destinationZone {
                let local = Int64(days * 86_400 + arrivalTime / 100 * 3_600 + arrivalTime % 100 * 60)
                arrival = load.times.utc(local: local, zone: destinationZone)
                if let early = arrival, early < departure {
                    arrival = load.times.utc(local: local + 86_400, zone: destinationZone)
                }
            }

            let date = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            try load.connection.execute(
                """
                INSERT INTO flights (date, year, month, day, day_of_week, carrier, flight_number, tailnum, origin, dest,
                sched_dep_utc, sched_dep_hour, sched_dep_minute, sched_arr_utc, dep_delay, arr_delay, air_time,
                distance, cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(date), SQLValue(year), SQLValue(month), SQLValue(day),
                    SQLValue(CivilTime.isoDayOfWeek(days: days)), .text(carrier), SQLValue(try row.int(10)),
                    SQLValue(tailnum), .text(origin), .text(destination), .integer(departure), SQLValue(hour),
                    SQLValue(minute), SQLValue(arrival.map(Int.init)),
                    SQLValue(cancelled ? nil : try row.optionalInt(5)), SQLValue(try row.optionalInt(8)),
                    SQLValue(try row.optionalInt(14)), SQLValue(try row.int(15)), .integer(cancelled ? 1 : 0),
                ]
            )
        }
    }

    private func writeMetadata() throws {
        var entries: [(String, String)] = [
            ("source", "nycflights13 0.0.3 (CC0) + airportsdata supplement (MIT)"),
            ("ingested_at", Date().ISO8601Format()),
            ("supplemented_airports", summary.supplementedAirports.joined(separator: ",")),
            ("flagged_values", String(summary.flaggedValues.count)),
            ("cancelled_flights", String(summary.cancelledFlights)),
            ("flights_without_tailnum", String(summary.flightsWithoutTailnum)),
            ("flights_with_unknown_plane", String(summary.flightsWithUnknownPlane)),
            ("flights_without_weather", String(summary.flightsWithoutWeather)),
        ]
        for (table, count) in summary.rows.sorted(by: { $0.key < $1.key }) {
            entries.append(("rows_\(table)", String(count)))
        }
        for (key, value) in entries {
            try connection.execute("INSERT INTO metadata (key, value) VALUES (?, ?)", [.text(key), .text(value)])
        }
    }

    // MARK: Reading

    /// Reads every record of `path` after checking its header, calling `body` for each, counting
    /// rows into `summary.rows[table]` and reporting progress.
    private mutating func each(
        _ path: String,
        table: String,
        columns: [String],
        _ body: (inout Load, CSVRow) throws -> Void
    ) throws {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        try reader.expectHeader(columns)
        var rows = 0
        while let record = try reader.next() {
            let row = CSVRow(file: reader.fileName, line: record.line, columns: columns, fields: record.fields)
            guard record.fields.count == columns.count else {
                throw row.error("expected \(columns.count) fields, found \(record.fields.count)")
            }
            try body(&self, row)
            rows += 1
            if rows % 16_384 == 0 {
                report(IngestProgress(phase: table, rows: rows, fraction: fraction(reader.compressedOffset)))
            }
        }
        bytesOfFinishedFiles += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        summary.rows[table, default: 0] += rows
        report(IngestProgress(phase: table, rows: rows, fraction: fraction(0)))
    }

    private func fraction(_ offsetInCurrentFile: Int) -> Double {
        totalBytes == 0 ? 1 : min(1, Double(bytesOfFinishedFiles + offsetInCurrentFile) / Double(totalBytes))
    }

    private func report(_ value: IngestProgress) {
        progress?(value)
    }
}

/// One CSV record with typed accessors that fail with the file, line and column.
private struct CSVRow {
    let file: String
    let line: Int
    let columns: [String]
    let fields: [String]

    func error(_ message: String) -> IngestError {
        IngestError(.malformedRow, file: file, line: line, message)
    }

    /// The text of column `index`; `NA` or empty is an error.
    func text(_ index: Int) throws(IngestError) -> String {
        guard let value = optionalText(index) else { throw error("missing value in column \(columns[index])") }
        return value
    }

    /// The text of column `index`, nil for `NA` or empty.
    func optionalText(_ index: Int) -> String? {
        let value = fields[index]
        return value == "NA" || value.isEmpty ? nil : value
    }

    func int(_ index: Int) throws(IngestError) -> Int {
        guard let value = try optionalInt(index) else { throw error("missing value in column \(columns[index])") }
        return value
    }

    /// An integer column; nil for `NA`; an error when not an integer.
    func optionalInt(_ index: Int) throws(IngestError) -> Int? {
        guard let text = optionalText(index) else { return nil }
        guard let value = Int(text) else { throw error("not an integer in column \(columns[index])") }
        return value
    }

    func double(_ index: Int) throws(IngestError) -> Double {
        guard let value = try optionalDouble(index) else { throw error("missing value in column \(columns[index])") }
        return value
    }

    /// A finite number column; nil for `NA`; an error when not a number.
    func optionalDouble(_ index: Int) throws(IngestError) -> Double? {
        guard let text = optionalText(index) else { return nil }
        guard let value = Double(text), value.isFinite else { throw error("not a number in column \(columns[index])") }
        return value
    }

    /// A `YYYY-MM-DDTHH:MM:SSZ` column as Unix seconds.
    func utcTime(_ index: Int) throws(IngestError) -> Int64 {
        guard let value = CivilTime.parseUTC(try text(index)) else {
            throw error("not a UTC time in column \(columns[index])")
        }
        return value
    }
}
