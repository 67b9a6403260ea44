/// The dimension `delayStats` groups by.
public enum DelayGroup: String, Sendable, CaseIterable {
    case carrier = "CARRIER"
    case origin = "ORIGIN"
    case destination = "DESTINATION"
    /// 1–12.
    case month = "MONTH"
    /// Local scheduled departure hour, 0–23.
    case hour = "HOUR"
    /// ISO day of the week of the local date, 1 = Monday … 7 = Sunday.
    case dayOfWeek = "DAY_OF_WEEK"

    var column: String {
        switch self {
        case .carrier: "carrier"
        case .origin: "origin"
        case .destination: "dest"
        case .month: "month"
        case .hour: "sched_dep_hour"
        case .dayOfWeek: "day_of_week"
        }
    }

    var isNumeric: Bool {
        switch self {
        case .carrier, .origin, .destination: false
        case .month, .hour, .dayOfWeek: true
        }
    }
}

/// Departure-delay statistics of one group.
public struct DelayStat: Sendable, Hashable {
    /// The group's key as text, e.g. `UA`, `JFK`, `7`.
    public var key: String
    /// Every flight of the group.
    public var flights: Int
    /// Flights that never departed.
    public var cancelled: Int
    /// Mean departure delay of the non-cancelled flights, minutes; nil when there are none.
    public var meanDepartureDelay: Double?
    /// Exact median departure delay of the non-cancelled flights (mean of the two middle values
    /// for an even count), minutes; nil when there are none.
    public var medianDepartureDelay: Double?
    /// Share of non-cancelled flights delayed by more than 15 minutes; 0 when there are none.
    public var delayedShare: Double

    public init(
        key: String,
        flights: Int,
        cancelled: Int,
        meanDepartureDelay: Double?,
        medianDepartureDelay: Double?,
        delayedShare: Double
    ) {
        self.key = key
        self.flights = flights
        self.cancelled = cancelled
        self.meanDepartureDelay = meanDepartureDelay
        self.medianDepartureDelay = medianDepartureDelay
        self.delayedShare = delayedShare
    }
}

extension Database {
    /// Departure-delay statistics of the flights matching `filter`, one entry per value of
    /// `groupBy`, ordered by key (numerically for numeric groups).
    ///
    /// Runs one statement (an unordered scan); the delays of each group are sorted in memory, so the
    /// median is exact.
    public func delayStats(groupBy: DelayGroup, filter: FlightFilter = FlightFilter()) async throws -> [DelayStat] {
        let condition = try filter.sqlCondition()
        let sql = "SELECT \(groupBy.column), cancelled, dep_delay FROM flights WHERE \(condition.sql)"
        return try await read { connection in
            groupBy.isNumeric
                ? try Self.delayStats(connection, sql, condition.bindings, key: { $0.int(0) })
                : try Self.delayStats(connection, sql, condition.bindings, key: { $0.string(0) })
        }
    }

    /// Runs `sql` (rows: key, cancelled, dep_delay), groups by `key` and returns the groups ordered
    /// by key (numeric keys numerically).
    private static func delayStats<Key: Hashable & Comparable & CustomStringConvertible>(
        _ connection: Connection,
        _ sql: String,
        _ bindings: [SQLValue],
        key: (Row) -> Key
    ) throws -> [DelayStat] {
        var groups: [Key: DelayAccumulator] = [:]
        try connection.query(sql, bindings) { row in
            groups[key(row), default: DelayAccumulator()].add(cancelled: row.int(1) != 0, delay: row.optionalInt(2))
        }
        return groups.sorted { $0.key < $1.key }.map { key, group in
            delayStat(
                key: key.description,
                flights: group.flights,
                cancelled: group.cancelled,
                sortedDelays: group.delays.sorted()
            )
        }
    }

    static func delayStat(key: String, flights: Int, cancelled: Int, sortedDelays delays: [Int]) -> DelayStat {
        guard !delays.isEmpty else {
            return DelayStat(
                key: key,
                flights: flights,
                cancelled: cancelled,
                meanDepartureDelay: nil,
                medianDepartureDelay: nil,
                delayedShare: 0
            )
        }
        let middle = delays.count / 2
        let median =
            delays.count % 2 == 1
            ? Double(delays[middle])
            : Double(delays[middle - 1] + delays[middle]) / 2
        return DelayStat(
            key: key,
            flights: flights,
            cancelled: cancelled,
            meanDepartureDelay: Double(delays.reduce(0, +)) / Double(delays.count),
            medianDepartureDelay: median,
            delayedShare: Double(delays.count { $0 > 15 }) / Double(delays.count)
        )
    }
}

/// The flights of one delayStats group, collected in one pass.
private struct DelayAccumulator {
    var flights = 0
    var cancelled = 0
    /// Departure delays of the non-cancelled flights, unsorted.
    var delays: [Int] = []

    mutating func add(cancelled isCancelled: Bool, delay: Int?) {
        flights += 1
        if isCancelled {
            cancelled += 1
        } else if let delay {
            delays.append(delay)
        }
    }
}
