/// Model features of non-cancelled flights, column by column (row `i` of every array is one
/// flight), in row-id order. Weather values are nil when the origin has no row for the hour.
public struct FlightFeatures: Sendable {
    public var month: [Int] = []
    /// ISO day of the week, 1 = Monday.
    public var dayOfWeek: [Int] = []
    /// Local scheduled departure hour, 0–23.
    public var hour: [Int] = []
    public var carrier: [String] = []
    public var origin: [String] = []
    public var destination: [String] = []
    /// Miles.
    public var distance: [Int] = []
    /// °F.
    public var temperature: [Double?] = []
    /// Percent.
    public var humidity: [Double?] = []
    /// Miles per hour.
    public var windSpeed: [Double?] = []
    /// Inches.
    public var precipitation: [Double?] = []
    /// Millibars.
    public var pressure: [Double?] = []
    /// Miles.
    public var visibility: [Double?] = []
    /// Minutes (the label).
    public var departureDelay: [Int] = []
    /// Unix seconds (UTC).
    public var scheduledDeparture: [Int64] = []

    /// The number of flights.
    public var count: Int { month.count }
}

extension Database {
    /// The model features of every non-cancelled flight whose scheduled departure is in
    /// [`from`, `to`) (Unix seconds; nil = unbounded), in one statement. The filter columns
    /// (`sched_dep_utc`, `cancelled`) exist only in `flights`, so they need no table prefix.
    public func flightFeatures(from: Int64? = nil, to: Int64? = nil) async throws -> FlightFeatures {
        let condition = try FlightFilter(from: from, to: to, cancelled: false).sqlCondition()
        let sql = """
            SELECT f.month, f.day_of_week, f.sched_dep_hour, f.carrier, f.origin, f.dest, f.distance,
                   w.temp, w.humid, w.wind_speed, w.precip, w.pressure, w.visib, f.dep_delay, f.sched_dep_utc
            FROM flights f
            LEFT JOIN weather w ON w.origin = f.origin AND w.time_utc = f.sched_dep_utc - f.sched_dep_utc % 3600
            WHERE \(condition.sql) AND f.dep_delay IS NOT NULL
            ORDER BY f.id
            """
        return try await read { connection in
            var features = FlightFeatures()
            try connection.query(sql, condition.bindings) { row in
                features.month.append(row.int(0))
                features.dayOfWeek.append(row.int(1))
                features.hour.append(row.int(2))
                features.carrier.append(row.string(3))
                features.origin.append(row.string(4))
                features.destination.append(row.string(5))
                features.distance.append(row.int(6))
                features.temperature.append(row.optionalDouble(7))
                features.humidity.append(row.optionalDouble(8))
                features.windSpeed.append(row.optionalDouble(9))
                features.precipitation.append(row.optionalDouble(10))
                features.pressure.append(row.optionalDouble(11))
                features.visibility.append(row.optionalDouble(12))
                features.departureDelay.append(row.int(13))
                features.scheduledDeparture.append(row.int64(14))
            }
            return features
        }
    }
}
