/// Filters on flights; every non-nil field must hold (AND).
public struct FlightFilter: Sendable, Hashable {
    public var carrier: String?
    public var origin: String?
    public var destination: String?
    public var tailnum: String?
    public var flightNumber: Int?
    /// Scheduled departure at or after, Unix seconds (inclusive).
    public var from: Int64?
    /// Scheduled departure before, Unix seconds (exclusive).
    public var to: Int64?
    /// Minimum departure delay in minutes (inclusive); excludes cancelled flights.
    public var minDepartureDelay: Int?
    /// Maximum departure delay in minutes (inclusive); excludes cancelled flights.
    public var maxDepartureDelay: Int?
    public var cancelled: Bool?

    public init(
        carrier: String? = nil,
        origin: String? = nil,
        destination: String? = nil,
        tailnum: String? = nil,
        flightNumber: Int? = nil,
        from: Int64? = nil,
        to: Int64? = nil,
        minDepartureDelay: Int? = nil,
        maxDepartureDelay: Int? = nil,
        cancelled: Bool? = nil
    ) {
        self.carrier = carrier
        self.origin = origin
        self.destination = destination
        self.tailnum = tailnum
        self.flightNumber = flightNumber
        self.from = from
        self.to = to
        self.minDepartureDelay = minDepartureDelay
        self.maxDepartureDelay = maxDepartureDelay
        self.cancelled = cancelled
    }

    /// The SQL condition (only constant text, one `?` per value) and its bound values.
    /// Throws `invalidArgument` when `from` is after `to`.
    func sqlCondition() throws(RelationalError) -> (sql: String, bindings: [SQLValue]) {
        if let from, let to, from > to {
            throw RelationalError(.invalidArgument, "filter 'from' is after 'to'")
        }
        var terms: [String] = []
        var bindings: [SQLValue] = []
        func add(_ term: String, _ value: SQLValue) {
            terms.append(term)
            bindings.append(value)
        }
        if let carrier { add("carrier = ?", .text(carrier)) }
        if let origin { add("origin = ?", .text(origin)) }
        if let destination { add("dest = ?", .text(destination)) }
        if let tailnum { add("tailnum = ?", .text(tailnum)) }
        if let flightNumber { add("flight_number = ?", SQLValue(flightNumber)) }
        if let from { add("sched_dep_utc >= ?", .integer(from)) }
        if let to { add("sched_dep_utc < ?", .integer(to)) }
        if let minDepartureDelay { add("dep_delay >= ?", SQLValue(minDepartureDelay)) }
        if let maxDepartureDelay { add("dep_delay <= ?", SQLValue(maxDepartureDelay)) }
        if let cancelled { add("cancelled = ?", .integer(cancelled ? 1 : 0)) }
        return (terms.isEmpty ? "1" : terms.joined(separator: " AND "), bindings)
    }
}

/// Orders of flight lists. Every order is a total order: a single integer sort key, then the row id.
public enum FlightOrder: String, Sendable, CaseIterable {
    case scheduledDepartureAsc = "SCHEDULED_DEPARTURE_ASC"
    case scheduledDepartureDesc = "SCHEDULED_DEPARTURE_DESC"
    /// Largest departure delay first; cancelled flights (no delay) last.
    case departureDelayDesc = "DEPARTURE_DELAY_DESC"
    /// Largest arrival delay first; flights without an arrival delay last.
    case arrivalDelayDesc = "ARRIVAL_DELAY_DESC"

    /// The sort key expression; matches an index of ``Schema`` exactly so SQLite uses it.
    /// Missing delays sort as a value below any real delay.
    var sortExpression: String {
        switch self {
        case .scheduledDepartureAsc, .scheduledDepartureDesc: "sched_dep_utc"
        case .departureDelayDesc: "ifnull(dep_delay, -1000000)"
        case .arrivalDelayDesc: "ifnull(arr_delay, -1000000)"
        }
    }

    var descending: Bool { self != .scheduledDepartureAsc }
}

/// A position in a flight list: the sort key and row id of the last row seen, for one order.
public struct FlightCursor: Sendable, Hashable {
    public var order: FlightOrder
    var key: Int64
    var id: Int64

    init(order: FlightOrder, key: Int64, id: Int64) {
        self.order = order
        self.key = key
        self.id = id
    }

    /// Decodes an opaque cursor for `order`; throws `invalidCursor` when it is malformed or was
    /// made for another order.
    public init(_ encoded: String, order: FlightOrder) throws(RelationalError) {
        guard let text = Base64URL.decode(encoded) else {
            throw RelationalError(.invalidCursor, "malformed cursor")
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "f1", let key = Int64(parts[2]), let id = Int64(parts[3]) else {
            throw RelationalError(.invalidCursor, "malformed cursor")
        }
        guard parts[1] == order.rawValue else {
            throw RelationalError(.invalidCursor, "cursor belongs to another order")
        }
        self.init(order: order, key: key, id: id)
    }

    /// The opaque cursor string.
    public var encoded: String {
        Base64URL.encode("f1|\(order.rawValue)|\(key)|\(id)")
    }
}

/// One edge of a flight page.
public struct FlightEdge: Sendable, Hashable {
    public var cursor: String
    public var flight: Flight
}

/// A page of flights.
public struct FlightPage: Sendable, Hashable {
    public var edges: [FlightEdge]
    public var hasNextPage: Bool

    /// The cursor of the last edge, nil for an empty page.
    public var endCursor: String? { edges.last?.cursor }
    public var flights: [Flight] { edges.map(\.flight) }
}

/// One flight connection to fetch (see ``Database/flightConnections(_:)``).
public struct FlightConnectionRequest: Sendable, Hashable {
    public var filter: FlightFilter
    public var order: FlightOrder
    public var first: Int
    public var after: String?
    /// Whether the page (edges, nodes, page info) is wanted.
    public var includesPage: Bool
    /// Whether the total count is wanted.
    public var includesCount: Bool

    public init(
        filter: FlightFilter,
        order: FlightOrder = .scheduledDepartureAsc,
        first: Int,
        after: String? = nil,
        includesPage: Bool = true,
        includesCount: Bool = false
    ) {
        self.filter = filter
        self.order = order
        self.first = first
        self.after = after
        self.includesPage = includesPage
        self.includesCount = includesCount
    }
}

/// A fetched flight connection: what was asked for, nil otherwise.
public struct FlightConnectionAnswer: Sendable, Hashable {
    public var page: FlightPage?
    public var totalCount: Int?
}

extension Database {
    /// The largest page size `flightsPage` and `airportsPage` accept.
    public static let maximumPageSize = 500

    /// The flight with public id `publicID`, or nil when the id is malformed or unknown.
    public func flight(publicID: String) async throws -> Flight? {
        guard let key = FlightID(publicID) else { return nil }
        return try await lookup { connection in
            try connection.first(
                """
                SELECT \(Self.flightColumns) FROM flights
                WHERE date = ? AND carrier = ? AND flight_number = ? AND origin = ?
                """,
                [.text(key.date), .text(key.carrier), SQLValue(key.flightNumber), .text(key.origin)],
                Self.flight
            )
        }
    }

    /// The flights with internal row ids `ids`, by id (unknown ids are absent).
    public func flights(ids: [Int64]) async throws -> [Int64: Flight] {
        let keys = Self.jsonArray(ids)
        return try await keyed(ids.count) { connection in
            let rows = try connection.all(
                "SELECT \(Self.flightColumns) FROM flights WHERE id IN (SELECT value FROM json_each(?))",
                [.text(keys)],
                Self.flight
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        }
    }

    /// The flights with natural keys `keys` (e.g. for flight-status documents), by key (unknown keys
    /// are absent). One statement.
    public func flights(keys: [FlightID]) async throws -> [FlightID: Flight] {
        let tuples = Self.jsonTuples(
            Set(keys).map {
                [
                    Self.jsonString($0.date), Self.jsonString($0.carrier), String($0.flightNumber),
                    Self.jsonString($0.origin),
                ]
            }
        )
        return try await keyed(keys.count) { connection in
            // CROSS JOIN keeps the keys as the outer loop: one unique-index lookup per key.
            let rows = try connection.all(
                """
                SELECT \(Self.qualifiedFlightColumns) FROM json_each(?) k CROSS JOIN flights f
                ON f.date = json_extract(k.value, '$[0]') AND f.carrier = json_extract(k.value, '$[1]')
                AND f.flight_number = json_extract(k.value, '$[2]') AND f.origin = json_extract(k.value, '$[3]')
                """,
                [.text(tuples)],
                Self.flight
            )
            return Dictionary(
                uniqueKeysWithValues: rows.map {
                    (FlightID(date: $0.date, carrier: $0.carrier, flightNumber: $0.flightNumber, origin: $0.origin), $0)
                }
            )
        }
    }

    /// Every flight scheduled to depart in [`from`, `to`) (Unix seconds), in departure order
    /// (e.g. for replaying a window of history).
    public func flights(from: Int64, to: Int64) async throws -> [Flight] {
        let condition = try FlightFilter(from: from, to: to).sqlCondition()
        return try await read { connection in
            try connection.all(
                "SELECT \(Self.flightColumns) FROM flights WHERE \(condition.sql) ORDER BY sched_dep_utc, id",
                condition.bindings,
                Self.flight
            )
        }
    }

    /// The distance in miles of the route `origin` → `destination` from past flights, or nil when
    /// no flight flew it.
    public func routeDistance(origin: String, destination: String) async throws -> Int? {
        try await read { connection in
            try connection.first(
                "SELECT distance FROM flights WHERE origin = ? AND dest = ? LIMIT 1",
                [.text(origin), .text(destination)]
            ) { $0.int(0) }
        }
    }

    /// The number of flights matching `filter`.
    public func countFlights(filter: FlightFilter = FlightFilter()) async throws -> Int {
        let query = try Self.countQuery(filter: filter)
        return try await read { connection in
            try connection.first(query.sql, query.bindings) { $0.int(0) } ?? 0
        }
    }

    /// A page of at most `first` flights matching `filter` in `order`, after `after` (keyset
    /// pagination: a deep page costs as much as the first).
    ///
    /// Throws `invalidArgument` when `first` is negative or above ``maximumPageSize`` or the filter
    /// is inverted, `invalidCursor` when `after` is not a cursor of `order`.
    public func flightsPage(
        filter: FlightFilter = FlightFilter(),
        order: FlightOrder = .scheduledDepartureAsc,
        first: Int,
        after: String? = nil
    ) async throws -> FlightPage {
        let query = try Self.pageQuery(filter: filter, order: order, first: first, after: after)
        return try await read { connection in try Self.runPage(query, on: connection) }
    }

    /// Flight connections (e.g. the `flights` of each airline in a list, or one top-level
    /// `flights`), each with its page and count fetched only when asked, all in one thread-pool
    /// job: one statement per page and per count.
    ///
    /// Throws as ``flightsPage(filter:order:first:after:)`` when any request is invalid, before
    /// anything is read.
    public func flightConnections(_ requests: [FlightConnectionRequest]) async throws -> [FlightConnectionAnswer] {
        let plans = try requests.map { request in
            (
                page: request.includesPage
                    ? try Self.pageQuery(
                        filter: request.filter, order: request.order, first: request.first, after: request.after)
                    : nil,
                count: request.includesCount ? try Self.countQuery(filter: request.filter) : nil
            )
        }
        return try await read { connection in
            try plans.map { plan in
                FlightConnectionAnswer(
                    page: try plan.page.map { try Self.runPage($0, on: connection) },
                    totalCount: try plan.count.map { count in
                        try connection.first(count.sql, count.bindings) { $0.int(0) } ?? 0
                    }
                )
            }
        }
    }

    static func countQuery(filter: FlightFilter) throws(RelationalError) -> (sql: String, bindings: [SQLValue]) {
        let condition = try filter.sqlCondition()
        // Without a WHERE clause SQLite counts the table's b-tree directly (several times faster).
        let sql =
            condition.bindings.isEmpty
            ? "SELECT count(*) FROM flights" : "SELECT count(*) FROM flights WHERE \(condition.sql)"
        return (sql, condition.bindings)
    }

    struct PageQuery: Sendable {
        var sql: String
        var bindings: [SQLValue]
        var order: FlightOrder
        var first: Int
    }

    static func pageQuery(
        filter: FlightFilter,
        order: FlightOrder,
        first: Int,
        after: String?
    ) throws(RelationalError) -> PageQuery {
        guard (0...maximumPageSize).contains(first) else {
            throw RelationalError(.invalidArgument, "page size must be between 0 and \(maximumPageSize)")
        }
        var (condition, bindings) = try filter.sqlCondition()
        let expression = order.sortExpression
        if let after {
            let cursor = try FlightCursor(after, order: order)
            // Written as a range on the sort key plus a tie-break (rather than a row-value comparison)
            // so that SQLite seeks in the index instead of scanning from the start.
            let comparison = order.descending ? "<" : ">"
            condition += " AND \(expression) \(comparison)= ? AND (\(expression) \(comparison) ? OR id \(comparison) ?)"
            bindings += [.integer(cursor.key), .integer(cursor.key), .integer(cursor.id)]
        }
        let direction = order.descending ? "DESC" : "ASC"
        bindings.append(SQLValue(first + 1))
        return PageQuery(
            sql: """
                SELECT \(flightColumns), \(expression) FROM flights WHERE \(condition)
                ORDER BY \(expression) \(direction), id \(direction) LIMIT ?
                """,
            bindings: bindings,
            order: order,
            first: first
        )
    }

    static func runPage(_ query: PageQuery, on connection: Connection) throws -> FlightPage {
        var edges: [FlightEdge] = []
        edges.reserveCapacity(query.first + 1)
        try connection.query(query.sql, query.bindings) { row in
            let flight = flight(row)
            let cursor = FlightCursor(order: query.order, key: row.int64(flightColumnCount), id: flight.id)
            edges.append(FlightEdge(cursor: cursor.encoded, flight: flight))
        }
        let hasNextPage = edges.count > query.first
        if hasNextPage { edges.removeLast() }
        return FlightPage(edges: edges, hasNextPage: hasNextPage)
    }

    static let flightColumns = """
        id, date, carrier, flight_number, tailnum, origin, dest, sched_dep_utc, sched_arr_utc, \
        dep_delay, arr_delay, air_time, distance, cancelled
        """
    static let flightColumnCount = 14
    /// ``flightColumns`` prefixed with `f.`, for joins (`json_each` has an `id` column too).
    static let qualifiedFlightColumns = flightColumns.split(separator: ",")
        .map { "f." + $0.trimmingPrefix(" ") }
        .joined(separator: ", ")

    static func flight(_ row: Row) -> Flight {
        Flight(
            id: row.int64(0),
            date: row.string(1),
            carrier: row.string(2),
            flightNumber: row.int(3),
            tailnum: row.optionalString(4),
            origin: row.string(5),
            destination: row.string(6),
            scheduledDeparture: row.int64(7),
            scheduledArrival: row.isNull(8) ? nil : row.int64(8),
            departureDelay: row.optionalInt(9),
            arrivalDelay: row.optionalInt(10),
            airTime: row.optionalInt(11),
            distance: row.int(12),
            cancelled: row.int(13) != 0
        )
    }
}
