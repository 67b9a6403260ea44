import GraphQLEngine
import Relational

/// `Query.airline`, `airlines`, `airport`, `airports`, `plane` and the fields of `Airline`,
/// `Airport` and `Plane` (SQLite reference data).
enum ReferenceResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "airline", .async { field in
            try await field.context.airlines.load(try field.arguments.requiredString("code"))
        })
        resolvers.add("Query", "airlines", .async { field in
            try await field.context.services.database.airlines()
        })
        resolvers.add("Query", "airport", .async { field in
            try await field.context.airports.load(try field.arguments.requiredString("code"))
        })
        resolvers.add("Query", "airports", .sync { field in
            try AirportConnection(
                database: field.context.services.database,
                filter: AirportFilter(field.arguments.value("filter")),
                first: try field.arguments.pageSize(),
                after: field.arguments.string("after")
            )
        })
        resolvers.add("Query", "plane", .async { field in
            try await field.context.planes.load(try field.arguments.requiredString("tailnum"))
        })

        resolvers.leaf("Airline", "code") { (airline: Airline) in airline.code }
        resolvers.leaf("Airline", "name") { (airline: Airline) in airline.name }
        resolvers.add("Airline", "flights", .sync { field in
            let airline: Airline = try field.parent()
            return try flights(field) { $0.carrier = airline.code }
        })

        resolvers.leaf("Airport", "code") { (airport: Airport) in airport.code }
        resolvers.leaf("Airport", "name") { (airport: Airport) in airport.name }
        resolvers.leaf("Airport", "latitude") { (airport: Airport) in airport.latitude }
        resolvers.leaf("Airport", "longitude") { (airport: Airport) in airport.longitude }
        resolvers.leaf("Airport", "altitude") { (airport: Airport) in airport.altitude }
        resolvers.leaf("Airport", "timezone") { (airport: Airport) in airport.timezone }
        resolvers.add("Airport", "departures", .sync { field in
            let airport: Airport = try field.parent()
            return try flights(field) { $0.origin = airport.code }
        })
        resolvers.add("Airport", "arrivals", .sync { field in
            let airport: Airport = try field.parent()
            return try flights(field) { $0.destination = airport.code }
        })

        resolvers.leaf("Plane", "tailnum") { (plane: Plane) in plane.tailnum }
        resolvers.leaf("Plane", "year") { (plane: Plane) in plane.year }
        resolvers.leaf("Plane", "type") { (plane: Plane) in plane.type }
        resolvers.leaf("Plane", "manufacturer") { (plane: Plane) in plane.manufacturer }
        resolvers.leaf("Plane", "model") { (plane: Plane) in plane.model }
        resolvers.leaf("Plane", "engines") { (plane: Plane) in plane.engines }
        resolvers.leaf("Plane", "seats") { (plane: Plane) in plane.seats }
        resolvers.leaf("Plane", "engine") { (plane: Plane) in plane.engine }
        resolvers.add("Plane", "flights", .sync { field in
            let plane: Plane = try field.parent()
            return try flights(field) { $0.tailnum = plane.tailnum }
        })
    }

    /// The flights of a parent object: the field's `filter` (if it has one) narrowed to the parent.
    private static func flights(_ field: FieldContext, narrow: (inout FlightFilter) -> Void) throws -> FlightConnection {
        var filter = try FlightFilter(field.arguments.value("filter"))
        narrow(&filter)
        return try FlightConnection(field, filter: filter, order: .scheduledDepartureAsc)
    }
}

extension Resolvers {
    /// Registers a synchronous resolver that reads a value off a parent of type `Parent`.
    mutating func leaf<Parent>(
        _ type: String,
        _ field: String,
        _ read: @escaping @Sendable (Parent) -> (any Sendable)?
    ) {
        add(type, field, .sync { field in read(try field.parent()) })
    }
}
