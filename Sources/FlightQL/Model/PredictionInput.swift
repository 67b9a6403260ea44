public import DelayModel
import Foundation
public import Relational

/// A `predictDelay(input: DelayInput!)` request as the client sent it.
public struct DelayInput: Sendable, Hashable {
    /// IATA carrier code, e.g. `UA`; must be in the `airlines` table.
    public var carrier: String
    /// Departure airport code, e.g. `EWR`; must be in the `airports` table.
    public var origin: String
    /// Arrival airport code; must be in the `airports` table.
    public var destination: String
    /// Scheduled departure, RFC 3339 (e.g. `2013-06-01T14:00:00Z`; an offset such as `-04:00` is accepted,
    /// a fraction of a second is ignored).
    public var scheduledDeparture: String
    /// Miles; when nil, the most common distance of past flights on the route (missing if none).
    public var distance: Int?
    /// Weather at the origin; when nil, the `weather` row of the origin for the UTC hour of departure
    /// (every weather feature missing if there is none).
    public var weather: WeatherInput?

    public init(
        carrier: String,
        origin: String,
        destination: String,
        scheduledDeparture: String,
        distance: Int? = nil,
        weather: WeatherInput? = nil
    ) {
        self.carrier = carrier
        self.origin = origin
        self.destination = destination
        self.scheduledDeparture = scheduledDeparture
        self.distance = distance
        self.weather = weather
    }
}

/// Observed or forecast weather at the origin, in the units of the `weather` table. A nil field is a missing
/// value: the tree sends it in its learned default direction.
public struct WeatherInput: Sendable, Hashable {
    /// °F.
    public var temperature: Double?
    /// Percent.
    public var humidity: Double?
    /// Miles per hour.
    public var windSpeed: Double?
    /// Inches.
    public var precipitation: Double?
    /// Millibars.
    public var pressure: Double?
    /// Miles.
    public var visibility: Double?

    public init(
        temperature: Double? = nil,
        humidity: Double? = nil,
        windSpeed: Double? = nil,
        precipitation: Double? = nil,
        pressure: Double? = nil,
        visibility: Double? = nil
    ) {
        self.temperature = temperature
        self.humidity = humidity
        self.windSpeed = windSpeed
        self.precipitation = precipitation
        self.pressure = pressure
        self.visibility = visibility
    }
}

/// A `DelayInput` the server cannot turn into features; `message` is meant for the client.
public struct PredictionInputError: Error, CustomStringConvertible, Sendable {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case unknownCarrier
            case unknownAirport
            case invalidTimestamp
            case unknownTimeZone
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The carrier code is not in the `airlines` table.
        public static let unknownCarrier = Code(.unknownCarrier)
        /// The origin or destination code is not in the `airports` table.
        public static let unknownAirport = Code(.unknownAirport)
        /// The scheduled departure is not an RFC 3339 date-time.
        public static let invalidTimestamp = Code(.invalidTimestamp)
        /// The origin airport has no time zone, so its local hour, day and month are unknown.
        public static let unknownTimeZone = Code(.unknownTimeZone)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What is wrong, naming the offending value (it came from the client).
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Turns prediction requests and stored flights into model rows (`FeatureSpec.flightDelay`).
///
/// The reference data it needs (carrier codes, airport time zones, the usual distance of every route) is
/// read from SQLite once by `load(from:)`: the database is read-only while the server runs.
public final class PredictionFeatures: Sendable {
    private let database: Database
    private let carriers: Set<String>
    /// Airport code → its time zone; nil for an airport in the table without a usable one.
    private let timeZones: [String: TimeZone?]
    private let routeDistances: [Route: Int]

    private struct Route: Hashable {
        var origin: String
        var destination: String
    }

    private init(
        database: Database,
        carriers: Set<String>,
        timeZones: [String: TimeZone?],
        routeDistances: [Route: Int]
    ) {
        self.database = database
        self.carriers = carriers
        self.timeZones = timeZones
        self.routeDistances = routeDistances
    }

    /// Reads the carriers, the airports' time zones (IANA name, else the fixed UTC offset) and, per route,
    /// the most common distance of its flights (ties: the shorter), in three statements.
    public static func load(from database: Database) async throws -> PredictionFeatures {
        let (carriers, timeZones, routeDistances) = try await database.read { connection in
            let carriers = Set(try connection.all("SELECT code FROM airlines", []) { $0.string(0) })
            var timeZones: [String: TimeZone?] = [:]
            try connection.query("SELECT code, timezone, utc_offset FROM airports", []) { row in
                let zone =
                    row.optionalString(1).flatMap { TimeZone(identifier: $0) }
                    ?? row.optionalDouble(2).flatMap { TimeZone(secondsFromGMT: Int(($0 * 3600).rounded())) }
                timeZones[row.string(0)] = .some(zone)
            }
            var best: [Route: (distance: Int, flights: Int)] = [:]
            try connection.query(
                "SELECT origin, dest, distance, COUNT(*) FROM flights GROUP BY origin, dest, distance ORDER BY distance",
                []
            ) { row in
                let route = Route(origin: row.string(0), destination: row.string(1))
                let candidate = (distance: row.int(2), flights: row.int(3))
                if candidate.flights > best[route]?.flights ?? 0 { best[route] = candidate }
            }
            return (carriers, timeZones, best.mapValues(\.distance))
        }
        return PredictionFeatures(
            database: database,
            carriers: carriers,
            timeZones: timeZones,
            routeDistances: routeDistances
        )
    }

    /// The model row for `input`: validates the codes and the timestamp, computes the local month, ISO day of
    /// the week and hour in the origin's time zone, and fills in the route's distance and the origin's
    /// weather from SQLite when the input omits them. Categories the model never saw still predict.
    ///
    /// Throws `PredictionInputError` for an unknown carrier or airport, an unparsable timestamp or an origin
    /// without a time zone, and the database's errors when the weather lookup fails.
    public func row(for input: DelayInput) async throws -> FeatureRow {
        guard carriers.contains(input.carrier) else {
            throw PredictionInputError(.unknownCarrier, "unknown carrier '\(input.carrier)'")
        }
        for code in [input.origin, input.destination] where timeZones[code] == nil {
            throw PredictionInputError(.unknownAirport, "unknown airport '\(code)'")
        }
        guard let departure = DateTimeText.parse(input.scheduledDeparture) else {
            throw PredictionInputError(
                .invalidTimestamp,
                "scheduledDeparture '\(input.scheduledDeparture)' is not an RFC 3339 date-time such as 2013-06-01T14:00:00Z"
            )
        }
        let local = try localTime(departure, at: input.origin)
        let weather: WeatherInput
        if let given = input.weather {
            weather = given
        } else {
            let key = WeatherKey(origin: input.origin, hour: departure - ((departure % 3600) + 3600) % 3600)
            weather = WeatherInput(try await database.weather(keys: [key])[key])
        }
        return FeatureRow.flight(
            month: local.month,
            dayOfWeek: local.dayOfWeek,
            schedDepHour: local.hour,
            carrier: input.carrier,
            origin: input.origin,
            dest: input.destination,
            distance: (input.distance ?? routeDistances[Route(origin: input.origin, destination: input.destination)])
                .map(Double.init),
            temp: weather.temperature,
            humid: weather.humidity,
            windSpeed: weather.windSpeed,
            precip: weather.precipitation,
            pressure: weather.pressure,
            visib: weather.visibility
        )
    }

    /// The model row of a stored flight (for `Flight.prediction`), with its origin's weather row for the
    /// hour of scheduled departure (`flight.weatherKey`) or nil when there is none.
    ///
    /// Throws `PredictionInputError` (`.unknownTimeZone`) when the origin has no time zone.
    public func features(of flight: Flight, weather: Weather?) throws -> FeatureRow {
        let local = try localTime(flight.scheduledDeparture, at: flight.origin)
        let weather = WeatherInput(weather)
        return FeatureRow.flight(
            month: local.month,
            dayOfWeek: local.dayOfWeek,
            schedDepHour: local.hour,
            carrier: flight.carrier,
            origin: flight.origin,
            dest: flight.destination,
            distance: Double(flight.distance),
            temp: weather.temperature,
            humid: weather.humidity,
            windSpeed: weather.windSpeed,
            precip: weather.precipitation,
            pressure: weather.pressure,
            visib: weather.visibility
        )
    }

    /// The most common distance of past flights from `origin` to `destination` (ties: the shorter), in miles; nil
    /// when no flight in SQLite flew the route.
    func usualDistance(from origin: String, to destination: String) -> Int? {
        routeDistances[Route(origin: origin, destination: destination)]
    }

    /// The local month (1–12), ISO day of the week (1 = Monday) and hour (0–23) of Unix time `seconds` at
    /// `airport`.
    func localTime(_ seconds: Int64, at airport: String) throws -> (month: Int, dayOfWeek: Int, hour: Int) {
        guard let zone = timeZones[airport] ?? nil else {
            throw PredictionInputError(.unknownTimeZone, "airport '\(airport)' has no time zone")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents(
            [.month, .weekday, .hour],
            from: Date(timeIntervalSince1970: TimeInterval(seconds))
        )
        // Calendar weekdays run Sunday = 1 … Saturday = 7; ISO runs Monday = 1 … Sunday = 7.
        return (parts.month!, (parts.weekday! + 5) % 7 + 1, parts.hour!)
    }
}

extension WeatherInput {
    /// The model's weather inputs from a `weather` row; every value missing when there is no row.
    init(_ weather: Weather?) {
        self.init(
            temperature: weather?.temperature,
            humidity: weather?.humidity,
            windSpeed: weather?.windSpeed,
            precipitation: weather?.precipitation,
            pressure: weather?.pressure,
            visibility: weather?.visibility
        )
    }
}
