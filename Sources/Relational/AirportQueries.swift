/// Filters on airports; every non-nil field must hold (AND).
public struct AirportFilter: Sendable, Hashable {
    /// Case-insensitive (ASCII) substring of the name, matched literally (no wildcards).
    public var nameContains: String?
    /// Exact IANA time zone.
    public var timezone: String?

    public init(nameContains: String? = nil, timezone: String? = nil) {
        self.nameContains = nameContains
        self.timezone = timezone
    }

    func sqlCondition() -> (sql: String, bindings: [SQLValue]) {
        var terms: [String] = []
        var bindings: [SQLValue] = []
        if let nameContains {
            terms.append("instr(lower(name), lower(?)) > 0")
            bindings.append(.text(nameContains))
        }
        if let timezone {
            terms.append("timezone = ?")
            bindings.append(.text(timezone))
        }
        return (terms.isEmpty ? "1" : terms.joined(separator: " AND "), bindings)
    }
}

/// One edge of an airport page.
public struct AirportEdge: Sendable, Hashable {
    public var cursor: String
    public var airport: Airport
}

/// A page of airports, ordered by code.
public struct AirportPage: Sendable, Hashable {
    public var edges: [AirportEdge]
    public var hasNextPage: Bool

    /// The cursor of the last edge, nil for an empty page.
    public var endCursor: String? { edges.last?.cursor }
    public var airports: [Airport] { edges.map(\.airport) }
}

extension Database {
    /// A page of at most `first` airports matching `filter`, ordered by code, after `after`.
    ///
    /// Throws `invalidArgument` for a page size outside 0…``maximumPageSize``, `invalidCursor` for a
    /// cursor that is not an airport cursor.
    public func airportsPage(
        filter: AirportFilter = AirportFilter(),
        first: Int,
        after: String? = nil
    ) async throws
        -> AirportPage
    {
        guard (0...Self.maximumPageSize).contains(first) else {
            throw RelationalError(.invalidArgument, "page size must be between 0 and \(Self.maximumPageSize)")
        }
        var (condition, bindings) = filter.sqlCondition()
        if let after {
            guard let text = Base64URL.decode(after), text.hasPrefix("a1|") else {
                throw RelationalError(.invalidCursor, "malformed cursor")
            }
            condition += " AND code > ?"
            bindings.append(.text(String(text.dropFirst(3))))
        }
        bindings.append(SQLValue(first + 1))
        let sql = "SELECT \(Self.airportColumns) FROM airports WHERE \(condition) ORDER BY code LIMIT ?"
        let arguments = bindings
        return try await read { connection in
            var airports = try connection.all(sql, arguments, Self.airport)
            let hasNextPage = airports.count > first
            if hasNextPage { airports.removeLast() }
            let edges = airports.map { AirportEdge(cursor: Base64URL.encode("a1|\($0.code)"), airport: $0) }
            return AirportPage(edges: edges, hasNextPage: hasNextPage)
        }
    }

    /// The number of airports matching `filter`.
    public func countAirports(filter: AirportFilter = AirportFilter()) async throws -> Int {
        let condition = filter.sqlCondition()
        return try await read { connection in
            try connection.first("SELECT count(*) FROM airports WHERE \(condition.sql)", condition.bindings) {
                $0.int(0)
            } ?? 0
        }
    }
}
