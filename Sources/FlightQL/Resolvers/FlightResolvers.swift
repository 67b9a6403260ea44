import GraphQLEngine
import Relational

/// `Query.flight`, `Query.flights` and the SQLite fields of `Flight` and `Weather`.
enum FlightResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "flight", .async { field in
            try await field.context.services.database.flight(publicID: try field.arguments.requiredString("id"))
        })
        resolvers.add("Query", "flights", .async { field in
            let request = try FlightConnectionRequest(
                field,
                filter: FlightFilter(field.arguments.value("filter")),
                order: FlightOrder(argument: field.arguments.string("orderBy"))
            )
            return FlightConnection(answer: try await field.context.services.database.flightConnections([request])[0])
        })

        resolvers.leaf("Flight", "id") { (flight: Flight) in flight.publicID }
        resolvers.lookup("Flight", "carrier", key: { (try $0.parent() as Flight).carrier }) {
            try await $0.airlines(codes: $1)
        }
        resolvers.leaf("Flight", "flightNumber") { (flight: Flight) in flight.flightNumber }
        resolvers.leaf("Flight", "tailnum") { (flight: Flight) in flight.tailnum }
        resolvers.lookup("Flight", "plane", key: { (try $0.parent() as Flight).tailnum }) {
            try await $0.planes(tailnums: $1)
        }
        resolvers.lookup("Flight", "origin", key: { (try $0.parent() as Flight).origin }) {
            try await $0.airports(codes: $1)
        }
        resolvers.lookup("Flight", "destination", key: { (try $0.parent() as Flight).destination }) {
            try await $0.airports(codes: $1)
        }
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
        resolvers.lookup("Flight", "weather", key: { (try $0.parent() as Flight).weatherKey }) {
            try await $0.weather(keys: $1)
        }

        resolvers.lookup("Weather", "airport", key: { (try $0.parent() as Weather).origin }) {
            try await $0.airports(codes: $1)
        }
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
