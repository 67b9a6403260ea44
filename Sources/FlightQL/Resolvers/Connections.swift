import GraphQLEngine
import Relational
import Synchronization

/// A value computed at most once, on first demand, shared by concurrent callers (a connection's
/// page is fetched only when `edges`, `nodes` or `pageInfo` is selected, its count only for `totalCount`).
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

/// A `FlightConnection`: one keyset page of flights and, when asked, their total count.
final class FlightConnection: Sendable {
    let page: Once<FlightPage>
    let totalCount: Once<Int>

    /// The connection for `filter` in `order`, paged by the field's `first` and `after` arguments.
    init(_ field: FieldContext, filter: FlightFilter, order: FlightOrder) throws {
        let database = try field.context.services.database
        let first = try field.arguments.pageSize()
        let after = field.arguments.string("after")
        page = Once { try await database.flightsPage(filter: filter, order: order, first: first, after: after) }
        totalCount = Once { try await database.countFlights(filter: filter) }
    }
}

/// An `AirportConnection`: one keyset page of airports and, when asked, their total count.
final class AirportConnection: Sendable {
    let page: Once<AirportPage>
    let totalCount: Once<Int>

    init(database: Database, filter: AirportFilter, first: Int, after: String?) {
        page = Once { try await database.airportsPage(filter: filter, first: first, after: after) }
        totalCount = Once { try await database.countAirports(filter: filter) }
    }
}

/// `PageInfo` of any connection.
struct PageInfo: Sendable {
    let hasNextPage: Bool
    let endCursor: String?
}

/// The fields of `FlightConnection`, `FlightEdge`, `AirportConnection`, `AirportEdge` and `PageInfo`.
enum ConnectionResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("FlightConnection", "edges", .async { field in
            try await (field.parent() as FlightConnection).page.value.edges
        })
        resolvers.add("FlightConnection", "nodes", .async { field in
            try await (field.parent() as FlightConnection).page.value.flights
        })
        resolvers.add("FlightConnection", "pageInfo", .async { field in
            let page = try await (field.parent() as FlightConnection).page.value
            return PageInfo(hasNextPage: page.hasNextPage, endCursor: page.endCursor)
        })
        resolvers.add("FlightConnection", "totalCount", .async { field in
            try await (field.parent() as FlightConnection).totalCount.value
        })
        resolvers.leaf("FlightEdge", "cursor") { (edge: FlightEdge) in edge.cursor }
        resolvers.leaf("FlightEdge", "node") { (edge: FlightEdge) in edge.flight }

        resolvers.add("AirportConnection", "edges", .async { field in
            try await (field.parent() as AirportConnection).page.value.edges
        })
        resolvers.add("AirportConnection", "nodes", .async { field in
            try await (field.parent() as AirportConnection).page.value.airports
        })
        resolvers.add("AirportConnection", "pageInfo", .async { field in
            let page = try await (field.parent() as AirportConnection).page.value
            return PageInfo(hasNextPage: page.hasNextPage, endCursor: page.endCursor)
        })
        resolvers.add("AirportConnection", "totalCount", .async { field in
            try await (field.parent() as AirportConnection).totalCount.value
        })
        resolvers.leaf("AirportEdge", "cursor") { (edge: AirportEdge) in edge.cursor }
        resolvers.leaf("AirportEdge", "node") { (edge: AirportEdge) in edge.airport }

        resolvers.leaf("PageInfo", "hasNextPage") { (info: PageInfo) in info.hasNextPage }
        resolvers.leaf("PageInfo", "endCursor") { (info: PageInfo) in info.endCursor }
    }
}
