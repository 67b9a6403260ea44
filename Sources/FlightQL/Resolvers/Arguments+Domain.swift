import GraphQLEngine
import Relational

/// A mistake in the client's arguments, reported to the client as it is (`BAD_USER_INPUT`).
struct BadUserInput: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Arguments {
    /// A non-null `String` argument (validation guarantees it is present).
    func requiredString(_ name: String) throws -> String {
        guard let value = string(name) else { throw InternalError("argument \(name) missing after validation") }
        return value
    }

    /// The `first` argument of a connection: 0 to ``Database/maximumPageSize``. The schema gives it a default, so
    /// it is absent only when the client wrote `first: null`, which it is told.
    func pageSize() throws -> Int {
        guard let first = int("first") else {
            throw BadUserInput("first must be between 0 and \(Database.maximumPageSize), got null")
        }
        guard (0...Database.maximumPageSize).contains(first) else {
            throw BadUserInput("first must be between 0 and \(Database.maximumPageSize), got \(first)")
        }
        return first
    }
}

extension FlightFilter {
    /// The `FlightFilter` input object (already coerced by the engine), or no filter for null.
    init(_ value: JSONValue?) throws {
        self.init()
        guard case .object(let object)? = value else { return }
        carrier = object["carrier"]?.stringValue
        origin = object["origin"]?.stringValue
        destination = object["destination"]?.stringValue
        tailnum = object["tailnum"]?.stringValue
        flightNumber = object["flightNumber"]?.intValue
        from = try object["from"]?.stringValue.map(Self.timestamp)
        to = try object["to"]?.stringValue.map(Self.timestamp)
        minDepartureDelay = object["minDepartureDelay"]?.intValue
        maxDepartureDelay = object["maxDepartureDelay"]?.intValue
        if case .bool(let flag)? = object["cancelled"] { cancelled = flag }
        if let from, let to, from > to {
            throw BadUserInput("filter.from must not be after filter.to")
        }
    }

    private static func timestamp(_ text: String) throws -> Int64 {
        guard let seconds = DateTimeText.parse(text) else {
            throw BadUserInput("\"\(text)\" is not an RFC 3339 date-time such as 2013-01-01T10:00:00Z")
        }
        return seconds
    }
}

extension AirportFilter {
    /// The `AirportFilter` input object, or no filter for null.
    init(_ value: JSONValue?) {
        self.init()
        guard case .object(let object)? = value else { return }
        nameContains = object["nameContains"]?.stringValue
        timezone = object["timezone"]?.stringValue
    }
}

extension FlightOrder {
    /// The `FlightOrder` enum argument (by name); an explicit `orderBy: null` over the default is a client error.
    init(argument: String?) throws {
        guard let argument else { throw BadUserInput("orderBy must be a FlightOrder, got null") }
        guard let order = FlightOrder(rawValue: argument) else {
            throw InternalError("orderBy \(argument) after validation")
        }
        self = order
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var intValue: Int? {
        if case .int(let number) = self { return number }
        return nil
    }
}
