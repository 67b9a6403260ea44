import GraphQLEngine
import Relational
import Synchronization

/// A value computed at most once, on first demand, shared by concurrent callers (a status
/// connection's page is fetched only when `edges`, `nodes` or `pageInfo` is selected, its count
/// only for `totalCount`).
final class Once<Value: Sendable>: Sendable {
    private let task: Mutex<Task<Value, any Error>?> = Mutex(nil)
    private let compute: @Sendable () async throws -> Value

    init(_ compute: @escaping @Sendable () async throws -> Value) {
        self.compute = compute
    }

    var value: Value {
        get async throws {
            let task = task.withLock { task in
                if let task { return task }
                let started = Task { try await compute() }
                task = started
                return started
            }
            return try await task.value
        }
    }
}

/// A resolved `FlightConnection`: its page and its count, each fetched only when selected.
struct FlightConnection: Sendable {
    let answer: FlightConnectionAnswer

    var page: FlightPage {
        get throws {
            guard let page = answer.page else { throw InternalError("flight page read but not fetched") }
            return page
        }
    }
}

extension FlightConnectionRequest {
    /// The connection a `flights` field asks for: `filter` in `order`, paged by the field's
    /// `first` and `after`, with the page and the count only when the query selects them.
    init(_ field: FieldContext, filter: FlightFilter, order: FlightOrder) throws {
        let selected = field.info.selectedFieldNames()
        self.init(
            filter: filter,
            order: order,
            first: try field.arguments.pageSize(),
            after: field.arguments.string("after"),
            includesPage: selected.contains { $0 == "edges" || $0 == "nodes" || $0 == "pageInfo" },
            includesCount: selected.contains("totalCount")
        )
    }
}

/// A resolved `AirportConnection`: its page and its count, each fetched only when selected.
struct AirportConnection: Sendable {
    let fetchedPage: AirportPage?
    let totalCount: Int?

    /// Fetches what the `airports` field selects.
    init(_ field: FieldContext, database: Database, filter: AirportFilter) async throws {
        let selected = field.info.selectedFieldNames()
        let first = try field.arguments.pageSize()
        let after = field.arguments.string("after")
        fetchedPage =
            selected.contains { $0 == "edges" || $0 == "nodes" || $0 == "pageInfo" }
            ? try await database.airportsPage(filter: filter, first: first, after: after) : nil
        totalCount = selected.contains("totalCount") ? try await database.countAirports(filter: filter) : nil
    }

    var page: AirportPage {
        get throws {
            guard let fetchedPage else { throw InternalError("airport page read but not fetched") }
            return fetchedPage
        }
    }
}

/// `PageInfo` of any connection.
struct PageInfo: Sendable {
    let hasNextPage: Bool
    let endCursor: String?
}

/// The fields of `FlightConnection`, `FlightEdge`, `AirportConnection`, `AirportEdge` and `PageInfo`
/// (synchronous: the connection resolvers fetched what the query selects).
enum ConnectionResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("FlightConnection", "edges", .sync { field in try (field.parent() as FlightConnection).page.edges })
        resolvers.add("FlightConnection", "nodes", .sync { field in try (field.parent() as FlightConnection).page.flights })
        resolvers.add("FlightConnection", "pageInfo", .sync { field in
            let page = try (field.parent() as FlightConnection).page
            return PageInfo(hasNextPage: page.hasNextPage, endCursor: page.endCursor)
        })
        resolvers.leaf("FlightConnection", "totalCount") { (connection: FlightConnection) in connection.answer.totalCount }
        resolvers.leaf("FlightEdge", "cursor") { (edge: FlightEdge) in edge.cursor }
        resolvers.leaf("FlightEdge", "node") { (edge: FlightEdge) in edge.flight }

        resolvers.add("AirportConnection", "edges", .sync { field in try (field.parent() as AirportConnection).page.edges })
        resolvers.add("AirportConnection", "nodes", .sync { field in
            try (field.parent() as AirportConnection).page.airports
        })
        resolvers.add("AirportConnection", "pageInfo", .sync { field in
            let page = try (field.parent() as AirportConnection).page
            return PageInfo(hasNextPage: page.hasNextPage, endCursor: page.endCursor)
        })
        resolvers.leaf("AirportConnection", "totalCount") { (connection: AirportConnection) in connection.totalCount }
        resolvers.leaf("AirportEdge", "cursor") { (edge: AirportEdge) in edge.cursor }
        resolvers.leaf("AirportEdge", "node") { (edge: AirportEdge) in edge.airport }

        resolvers.leaf("PageInfo", "hasNextPage") { (info: PageInfo) in info.hasNextPage }
        resolvers.leaf("PageInfo", "endCursor") { (info: PageInfo) in info.endCursor }
    }
}
