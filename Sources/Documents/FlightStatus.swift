public import Foundation

/// The natural key of a flight-status document: one document per carrier, flight number, local date and
/// departure airport.
public struct FlightKey: Sendable, Hashable {
    /// The IATA carrier code, e.g. `UA`.
    public var carrierCode: String
    /// The flight number, e.g. 1545.
    public var flightNumber: Int
    /// The local departure date, `YYYY-MM-DD`.
    public var date: String
    /// The departure airport code, e.g. `EWR`.
    public var origin: String

    /// A key.
    public init(carrierCode: String, flightNumber: Int, date: String, origin: String) {
        self.carrierCode = carrierCode
        self.flightNumber = flightNumber
        self.date = date
        self.origin = origin
    }

    /// The document `_id` derived from the key, e.g. `UA-1545-2013-01-01-EWR`.
    public var id: String { "\(carrierCode)-\(flightNumber)-\(date)-\(origin)" }
}

/// The state of a flight in the live feed.
public enum FlightState: String, Sendable, Hashable, CaseIterable {
    case scheduled = "SCHEDULED"
    case active = "ACTIVE"
    case landed = "LANDED"
    case cancelled = "CANCELLED"
    case diverted = "DIVERTED"
    case delayed = "DELAYED"
}

/// Where a flight-status document came from.
public enum FlightStatusSource: String, Sendable, Hashable, CaseIterable {
    case aviationstack
    case opensky
    case replay
    case api
}

/// One end of a flight (departure or arrival) in a status document.
public struct FlightEndpoint: Sendable, Hashable {
    /// The airport code.
    public var airport: String
    /// The terminal, when known.
    public var terminal: String?
    /// The gate, when known.
    public var gate: String?
    /// The scheduled time.
    public var scheduled: Date?
    /// The estimated time.
    public var estimated: Date?
    /// The actual time.
    public var actual: Date?
    /// The delay in minutes (negative when early).
    public var delay: Int?

    /// An endpoint.
    public init(
        airport: String,
        terminal: String? = nil,
        gate: String? = nil,
        scheduled: Date? = nil,
        estimated: Date? = nil,
        actual: Date? = nil,
        delay: Int? = nil
    ) {
        self.airport = airport
        self.terminal = terminal
        self.gate = gate
        self.scheduled = scheduled
        self.estimated = estimated
        self.actual = actual
        self.delay = delay
    }
}

/// A flight-status document of the `flight_status` collection.
public struct FlightStatusDocument: Sendable, Hashable {
    /// The IATA carrier code.
    public var carrierCode: String
    /// The flight number.
    public var flightNumber: Int
    /// The local departure date, `YYYY-MM-DD`.
    public var date: String
    /// The flight's state.
    public var state: FlightState
    /// The departure end; its airport is part of the natural key.
    public var departure: FlightEndpoint
    /// The arrival end.
    public var arrival: FlightEndpoint
    /// Where the document came from.
    public var source: FlightStatusSource
    /// When the status was last written.
    public var updatedAt: Date
    /// The original payload (an API record, a historical row) as received.
    public var raw: Document

    /// A status document.
    public init(
        carrierCode: String,
        flightNumber: Int,
        date: String,
        state: FlightState,
        departure: FlightEndpoint,
        arrival: FlightEndpoint,
        source: FlightStatusSource,
        updatedAt: Date,
        raw: Document = [:]
    ) {
        self.carrierCode = carrierCode
        self.flightNumber = flightNumber
        self.date = date
        self.state = state
        self.departure = departure
        self.arrival = arrival
        self.source = source
        self.updatedAt = updatedAt
        self.raw = raw
    }

    /// The natural key.
    public var key: FlightKey {
        FlightKey(carrierCode: carrierCode, flightNumber: flightNumber, date: date, origin: departure.airport)
    }

    /// The deterministic `_id`, e.g. `UA-1545-2013-01-01-EWR`.
    public var id: String { key.id }

    /// The stored form, `_id` first.
    public var document: Document {
        [
            "_id": .string(id),
            "carrierCode": .string(carrierCode),
            "flightNumber": .int32(Int32(clamping: flightNumber)),
            "date": .string(date),
            "state": .string(state.rawValue),
            "departure": .document(departure.document),
            "arrival": .document(arrival.document),
            "source": .string(source.rawValue),
            "updatedAt": .datetime(updatedAt),
            "raw": .document(raw),
        ]
    }

    /// Reads a stored document.
    ///
    /// - Throws: `DocumentStoreError` `.invalidDocument` naming the first field that is missing or mistyped.
    public init(document: Document) throws {
        func invalid(_ field: String) -> DocumentStoreError {
            DocumentStoreError(.invalidDocument, "flight status field '\(field)' is missing or has the wrong type")
        }
        guard let carrierCode = document["carrierCode"]?.stringValue else { throw invalid("carrierCode") }
        guard let flightNumber = document["flightNumber"]?.intValue else { throw invalid("flightNumber") }
        guard let date = document["date"]?.stringValue else { throw invalid("date") }
        guard let state = document["state"]?.stringValue.flatMap(FlightState.init(rawValue:)) else {
            throw invalid("state")
        }
        guard let departure = document["departure"]?.documentValue.flatMap(FlightEndpoint.init(document:)) else {
            throw invalid("departure")
        }
        guard let arrival = document["arrival"]?.documentValue.flatMap(FlightEndpoint.init(document:)) else {
            throw invalid("arrival")
        }
        guard let source = document["source"]?.stringValue.flatMap(FlightStatusSource.init(rawValue:)) else {
            throw invalid("source")
        }
        guard let updatedAt = document["updatedAt"]?.dateValue else { throw invalid("updatedAt") }
        self.init(
            carrierCode: carrierCode,
            flightNumber: flightNumber,
            date: date,
            state: state,
            departure: departure,
            arrival: arrival,
            source: source,
            updatedAt: updatedAt,
            raw: document["raw"]?.documentValue ?? [:]
        )
    }

    /// Why this document cannot be stored, or `nil` when it can.
    public var validationFailure: String? {
        if !Self.isCode(carrierCode, lengths: 2...3) { return "carrierCode must be 2 or 3 letters or digits" }
        if !(1...9999).contains(flightNumber) { return "flightNumber must be between 1 and 9999" }
        if !Self.isDate(date) { return "date must be a calendar date YYYY-MM-DD" }
        if !Self.isCode(departure.airport, lengths: 3...4) { return "departure airport must be a 3- or 4-letter code" }
        if !Self.isCode(arrival.airport, lengths: 3...4) { return "arrival airport must be a 3- or 4-letter code" }
        return nil
    }

    private static func isCode(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.utf8.count)
            && text.utf8.allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
    }

    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}

extension FlightEndpoint {
    var document: Document {
        [
            "airport": .string(airport),
            "terminal": terminal.map(BSONValue.string) ?? .null,
            "gate": gate.map(BSONValue.string) ?? .null,
            "scheduled": scheduled.map(BSONValue.datetime) ?? .null,
            "estimated": estimated.map(BSONValue.datetime) ?? .null,
            "actual": actual.map(BSONValue.datetime) ?? .null,
            "delay": delay.map { .int32(Int32(clamping: $0)) } ?? .null,
        ]
    }

    init?(document: Document) {
        guard let airport = document["airport"]?.stringValue else { return nil }
        self.init(
            airport: airport,
            terminal: document["terminal"]?.stringValue,
            gate: document["gate"]?.stringValue,
            scheduled: document["scheduled"]?.dateValue,
            estimated: document["estimated"]?.dateValue,
            actual: document["actual"]?.dateValue,
            delay: document["delay"]?.intValue
        )
    }
}
