/// Lookups of reference data: airlines, airports, planes, weather. Batch variants take a list of
/// keys and run one statement (keys are bound as one JSON array and expanded with `json_each`),
/// for DataLoaders.
extension Database {
    /// The airline with `code`, or nil.
    public func airline(code: String) async throws -> Airline? {
        try await lookup { connection in
            try connection.first("SELECT code, name FROM airlines WHERE code = ?", [.text(code)], Self.airline)
        }
    }

    /// Every airline, ordered by code.
    public func airlines() async throws -> [Airline] {
        try await read { connection in
            try connection.all("SELECT code, name FROM airlines ORDER BY code", [], Self.airline)
        }
    }

    /// The airlines among `codes`, by code (unknown codes are absent).
    public func airlines(codes: [String]) async throws -> [String: Airline] {
        let keys = Self.jsonArray(codes)
        return try await keyed(codes.count) { connection in
            let rows = try connection.all(
                "SELECT code, name FROM airlines WHERE code IN (SELECT value FROM json_each(?))",
                [.text(keys)],
                Self.airline
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0) })
        }
    }

    /// The airport with `code`, or nil.
    public func airport(code: String) async throws -> Airport? {
        try await lookup { connection in
            try connection.first(
                "SELECT \(Self.airportColumns) FROM airports WHERE code = ?",
                [.text(code)],
                Self.airport
            )
        }
    }

    /// The airports among `codes`, by code (unknown codes are absent).
    public func airports(codes: [String]) async throws -> [String: Airport] {
        let keys = Self.jsonArray(codes)
        return try await keyed(codes.count) { connection in
            let rows = try connection.all(
                "SELECT \(Self.airportColumns) FROM airports WHERE code IN (SELECT value FROM json_each(?))",
                [.text(keys)],
                Self.airport
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0) })
        }
    }

    /// The plane with `tailnum`, or nil.
    public func plane(tailnum: String) async throws -> Plane? {
        try await lookup { connection in
            try connection.first(
                "SELECT \(Self.planeColumns) FROM planes WHERE tailnum = ?",
                [.text(tailnum)],
                Self.plane
            )
        }
    }

    /// The planes among `tailnums`, by tail number (unknown ones are absent).
    public func planes(tailnums: [String]) async throws -> [String: Plane] {
        let keys = Self.jsonArray(tailnums)
        return try await keyed(tailnums.count) { connection in
            let rows = try connection.all(
                "SELECT \(Self.planeColumns) FROM planes WHERE tailnum IN (SELECT value FROM json_each(?))",
                [.text(keys)],
                Self.plane
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.tailnum, $0) })
        }
    }

    /// The weather rows for `keys`, by key (hours without a row are absent).
    public func weather(keys: [WeatherKey]) async throws -> [WeatherKey: Weather] {
        let tuples = Self.jsonTuples(Set(keys).map { [Self.jsonString($0.origin), String($0.hour)] })
        return try await keyed(keys.count) { connection in
            // CROSS JOIN keeps the keys as the outer loop: one primary-key lookup per key.
            let rows = try connection.all(
                """
                SELECT \(Self.weatherColumns) FROM json_each(?) k CROSS JOIN weather w
                ON w.origin = json_extract(k.value, '$[0]') AND w.time_utc = json_extract(k.value, '$[1]')
                """,
                [.text(tuples)],
                Self.weather
            )
            return Dictionary(rows.map { (WeatherKey(origin: $0.origin, hour: $0.time), $0) }) { first, _ in first }
        }
    }

    /// The most keys a batch lookup runs on the caller's thread (``lookup(_:)``); larger batches go to
    /// the thread pool.
    static let inlineKeyLimit = 64

    /// Runs a lookup of `count` keys: inline for small batches, on the thread pool for large ones.
    func keyed<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        count <= Self.inlineKeyLimit ? try await lookup(body) : try await read(body)
    }

    /// A JSON array of distinct strings, for one bound parameter expanded by `json_each`.
    static func jsonArray(_ values: [String]) -> String {
        "[" + Set(values).map(jsonString).joined(separator: ",") + "]"
    }

    /// A JSON array of arrays whose elements are already JSON (see ``jsonString(_:)``).
    static func jsonTuples(_ tuples: [[String]]) -> String {
        "[" + tuples.map { "[" + $0.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    /// `value` as a JSON string literal.
    static func jsonString(_ value: String) -> String {
        var json = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        return json + "\""
    }

    /// A JSON array of distinct integers, for one bound parameter expanded by `json_each`.
    static func jsonArray(_ values: [Int64]) -> String {
        "[" + Set(values).map(String.init).joined(separator: ",") + "]"
    }

    static func airline(_ row: Row) -> Airline {
        Airline(code: row.string(0), name: row.string(1))
    }

    static let airportColumns = "code, name, latitude, longitude, altitude, timezone, source"

    static func airport(_ row: Row) -> Airport {
        Airport(
            code: row.string(0),
            name: row.string(1),
            latitude: row.double(2),
            longitude: row.double(3),
            altitude: row.optionalInt(4),
            timezone: row.optionalString(5),
            source: row.string(6)
        )
    }

    static let planeColumns = "tailnum, year, type, manufacturer, model, engines, seats, engine"

    static func plane(_ row: Row) -> Plane {
        Plane(
            tailnum: row.string(0),
            year: row.optionalInt(1),
            type: row.optionalString(2),
            manufacturer: row.optionalString(3),
            model: row.optionalString(4),
            engines: row.optionalInt(5),
            seats: row.optionalInt(6),
            engine: row.optionalString(7)
        )
    }

    static let weatherColumns = """
        w.origin, w.time_utc, w.temp, w.dewp, w.humid, w.wind_dir, w.wind_speed, w.wind_gust, \
        w.precip, w.pressure, w.visib
        """

    static func weather(_ row: Row) -> Weather {
        Weather(
            origin: row.string(0),
            time: row.int64(1),
            temperature: row.optionalDouble(2),
            dewPoint: row.optionalDouble(3),
            humidity: row.optionalDouble(4),
            windDirection: row.optionalInt(5),
            windSpeed: row.optionalDouble(6),
            windGust: row.optionalDouble(7),
            precipitation: row.optionalDouble(8),
            pressure: row.optionalDouble(9),
            visibility: row.optionalDouble(10)
        )
    }
}
