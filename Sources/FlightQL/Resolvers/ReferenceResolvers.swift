import GraphQLEngine
import Relational

/// `Query.airline`, `airlines`, `airport`, `airports`, `plane` and the fields of `Airline`,
/// `Airport` and `Plane` (SQLite reference data).
enum ReferenceResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.lookup("Query", "airline", key: { try $0.arguments.requiredString("code") }) {
            try await $0.airlines(codes: $1)
        }
        resolvers.add("Query", "airlines", .async { field in
            try await field.context.services.database.airlines()
        })
        resolvers.lookup("Query", "airport", key: { try $0.arguments.requiredString("code") }) {
            try await $0.airports(codes: $1)
        }
        resolvers.add("Query", "airports", .async { field in
            try await AirportConnection(
                field,
                database: field.context.services.database,
                filter: AirportFilter(field.arguments.value("filter"))
            )
        })
        resolvers.lookup("Query", "plane", key: { try $0.arguments.requiredString("tailnum") }) {
            try await $0.planes(tailnums: $1)
        }

        resolvers.leaf("Airline", "code") { (airline: Airline) in airline.code }
        resolvers.leaf("Airline", "name") { (airline: Airline) in airline.name }
        resolvers.flights("Airline", "flights") { (airline: Airline, filter) in filter.carrier = airline.code }

        resolvers.leaf("Airport", "code") { (airport: Airport) in airport.code }
        resolvers.leaf("Airport", "name") { (airport: Airport) in airport.name }
        resolvers.leaf("Airport", "latitude") { (airport: Airport) in airport.latitude }
        resolvers.leaf("Airport", "longitude") { (airport: Airport) in airport.longitude }
        resolvers.leaf("Airport", "altitude") { (airport: Airport) in airport.altitude }
        resolvers.leaf("Airport", "timezone") { (airport: Airport) in airport.timezone }
        resolvers.flights("Airport", "departures") { (airport: Airport, filter) in filter.origin = airport.code }
        resolvers.flights("Airport", "arrivals") { (airport: Airport, filter) in filter.destination = airport.code }

        resolvers.leaf("Plane", "tailnum") { (plane: Plane) in plane.tailnum }
        resolvers.leaf("Plane", "year") { (plane: Plane) in plane.year }
        resolvers.leaf("Plane", "type") { (plane: Plane) in plane.type }
        resolvers.leaf("Plane", "manufacturer") { (plane: Plane) in plane.manufacturer }
        resolvers.leaf("Plane", "model") { (plane: Plane) in plane.model }
        resolvers.leaf("Plane", "engines") { (plane: Plane) in plane.engines }
        resolvers.leaf("Plane", "seats") { (plane: Plane) in plane.seats }
        resolvers.leaf("Plane", "engine") { (plane: Plane) in plane.engine }
        resolvers.flights("Plane", "flights") { (plane: Plane, filter) in filter.tailnum = plane.tailnum }
    }
}

extension Resolvers {
    /// Registers a batch resolver for a field looked up by key in SQLite: per execution wave, one
    /// call of `find` with the distinct keys of every object selecting the field (a nil key, or a
    /// key not found, resolves to null).
    mutating func lookup<Key: Hashable & Sendable, Value: Sendable>(
        _ type: String,
        _ field: String,
        key: @escaping @Sendable (FieldContext) throws -> Key?,
        find: @escaping @Sendable (Database, [Key]) async throws -> [Key: Value]
    ) {
        add(type, field, .batch { fields in
            guard let database = try fields.first?.context.services.database else { return [] }
            let keys = try fields.map(key)
            var seen = Set<Key>()
            let distinct = keys.compactMap { key in key.flatMap { seen.insert($0).inserted ? $0 : nil } }
            let found = distinct.isEmpty ? [:] : try await find(database, distinct)
            return keys.map { key in key.flatMap { found[$0] } }
        })
    }

    /// Registers a batch resolver for the `flights` connection of a parent object: the field's
    /// `filter` (if it has one) narrowed to each parent by `narrow`, and every parent's connection
    /// of one wave fetched in one thread-pool job.
    mutating func flights<Parent>(
        _ type: String,
        _ field: String,
        narrow: @escaping @Sendable (Parent, inout FlightFilter) -> Void
    ) {
        add(type, field, .batch { fields in
            guard let database = try fields.first?.context.services.database else { return [] }
            let requests = try fields.map { field in
                var filter = try FlightFilter(field.arguments.value("filter"))
                narrow(try field.parent(), &filter)
                return try FlightConnectionRequest(field, filter: filter, order: .scheduledDepartureAsc)
            }
            return try await database.flightConnections(requests).map(FlightConnection.init(answer:))
        })
    }

    /// Registers a synchronous resolver that reads a value off a parent of type `Parent`.
    mutating func leaf<Parent>(
        _ type: String,
        _ field: String,
        _ read: @escaping @Sendable (Parent) -> (any Sendable)?
    ) {
        add(type, field, .sync { field in read(try field.parent()) })
    }
}
