import GraphQLEngine
import Relational

/// `Query.flight`, `Query.flights` and the SQLite fields of `Flight` and `Weather`.
enum FlightResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "flight", .async { field in
            try await field.context.services.database.flight(publicID: try field.arguments.requiredString("id"))
        })
        resolvers.add("Query", "flights", .sync { field in
            let order = try FlightOrder(argument: field.arguments.string("orderBy"))
            return try FlightConnection(field, filter: FlightFilter(field.arguments.value("filter")), order: order)
        })

        resolvers.leaf("Flight", "id") { (flight: Flight) in flight.publicID }
        resolvers.add("Flight", "carrier", .async { field in
            let flight: Flight = try field.parent()
            return try await field.context.airlines.load(flight.carrier)
        })
        resolvers.leaf("Flight", "flightNumber") { (flight: Flight) in flight.flightNumber }
        resolvers.leaf("Flight", "tailnum") { (flight: Flight) in flight.tailnum }
        resolvers.add("Flight", "plane", .async { field in
            let flight: Flight = try field.parent()
            guard let tailnum = flight.tailnum else { return nil }
            return try await field.context.planes.load(tailnum)
        })
        resolvers.add("Flight", "origin", .async { field in
            let flight: Flight = try field.parent()
            return try await field.context.airports.load(flight.origin)
        })
        resolvers.add("Flight", "destination", .async { field in
            let flight: Flight = try field.parent()
            return try await field.context.airports.load(flight.destination)
        })
        resolvers.leaf("Flight", "scheduledDeparture") { (flight: Flight) in
            DateTimeText.format(flight.scheduledDeparture)
        }
        resolvers.leaf("Flight", "scheduledArrival") { (flight: Flight) in
            flight.scheduledArrival.map(DateTimeText.format)
        }
        resolvers.leaf("Flight", "departureDelay") { (flight: Flight) in flight.departureDelay }
        resolvers.leaf("Flight", "arrivalDelay") { (flight: Flight) in flight.arrivalDelay }
        resolvers.leaf("Flight", "cancelled") { (flight: Flight) in flight.cancelled }
        resolvers.leaf("Flight", "airTime") { (flight: Flight) in flight.airTime }
        resolvers.leaf("Flight", "distance") { (flight: Flight) in flight.distance }
        resolvers.add("Flight", "weather", .async { field in
            let flight: Flight = try field.parent()
            return try await field.context.weather.load(flight.weatherKey)
        })

        resolvers.add("Weather", "airport", .async { field in
            let weather: Weather = try field.parent()
            return try await field.context.airports.load(weather.origin)
        })
        resolvers.leaf("Weather", "time") { (weather: Weather) in DateTimeText.format(weather.time) }
        resolvers.leaf("Weather", "temperature") { (weather: Weather) in weather.temperature }
        resolvers.leaf("Weather", "dewPoint") { (weather: Weather) in weather.dewPoint }
        resolvers.leaf("Weather", "humidity") { (weather: Weather) in weather.humidity }
        resolvers.leaf("Weather", "windDirection") { (weather: Weather) in weather.windDirection }
        resolvers.leaf("Weather", "windSpeed") { (weather: Weather) in weather.windSpeed }
        resolvers.leaf("Weather", "windGust") { (weather: Weather) in weather.windGust }
        resolvers.leaf("Weather", "precipitation") { (weather: Weather) in weather.precipitation }
        resolvers.leaf("Weather", "pressure") { (weather: Weather) in weather.pressure }
        resolvers.leaf("Weather", "visibility") { (weather: Weather) in weather.visibility }
    }
}
