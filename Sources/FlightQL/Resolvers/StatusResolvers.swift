import Documents
import Foundation
import GraphQLEngine
import Relational

/// `Query.flightStatuses`, `Flight.statuses`, `Mutation.recordFlightStatus` and the fields of
/// `FlightStatus` and `StatusEndpoint` (MongoDB `flight_status`).
enum StatusResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "flightStatuses", .sync { field in
            let store = try field.context.services.statusStore()
            let filter = try FlightStatusFilter(field.arguments.value("filter"))
            let first = try field.arguments.pageSize()
            let after = field.arguments.string("after")
            return StatusConnection(
                page: Once { try await DocumentStore.call { try await store.find(filter: filter, first: first, after: after) } },
                totalCount: Once { try await DocumentStore.call { try await store.count(filter: filter) } }
            )
        })
        resolvers.add("Flight", "statuses", .async { field in
            let flight: Flight = try field.parent()
            return try await field.context.statuses.load(flight.statusKey) ?? []
        })
        resolvers.add("Mutation", "recordFlightStatus", .async { field in
            let context = try field.context
            try context.requireAPIKey()
            let store = try context.services.statusStore()
            let document = try FlightStatusDocument(input: field.arguments.value("input"))
            let summary = try await DocumentStore.call { try await store.upsert([document]) }
            if let rejection = summary.rejected.first { throw BadUserInput(rejection.reason) }
            return document
        })

        resolvers.leaf("FlightStatus", "id") { (status: FlightStatusDocument) in status.id }
        resolvers.leaf("FlightStatus", "carrierCode") { (status: FlightStatusDocument) in status.carrierCode }
        resolvers.leaf("FlightStatus", "flightNumber") { (status: FlightStatusDocument) in status.flightNumber }
        resolvers.leaf("FlightStatus", "date") { (status: FlightStatusDocument) in status.date }
        resolvers.leaf("FlightStatus", "state") { (status: FlightStatusDocument) in status.state.rawValue }
        resolvers.leaf("FlightStatus", "departure") { (status: FlightStatusDocument) in status.departure }
        resolvers.leaf("FlightStatus", "arrival") { (status: FlightStatusDocument) in status.arrival }
        resolvers.leaf("FlightStatus", "updatedAt") { (status: FlightStatusDocument) in
            DateTimeText.format(Int64(status.updatedAt.timeIntervalSince1970.rounded(.down)))
        }
        resolvers.leaf("FlightStatus", "source") { (status: FlightStatusDocument) in status.source.rawValue }
        resolvers.lookup(
            "FlightStatus", "flight",
            key: { field in
                let status: FlightStatusDocument = try field.parent()
                return FlightID(
                    date: status.date, carrier: status.carrierCode, flightNumber: status.flightNumber,
                    origin: status.departure.airport)
            },
            find: { try await $0.flights(keys: $1) }
        )
        resolvers.leaf("FlightStatus", "raw") { (status: FlightStatusDocument) in JSONValue(status.raw) }

        resolvers.lookup("StatusEndpoint", "airport", key: { (try $0.parent() as FlightEndpoint).airport }) {
            try await $0.airports(codes: $1)
        }
        resolvers.leaf("StatusEndpoint", "terminal") { (endpoint: FlightEndpoint) in endpoint.terminal }
        resolvers.leaf("StatusEndpoint", "gate") { (endpoint: FlightEndpoint) in endpoint.gate }
        resolvers.leaf("StatusEndpoint", "scheduled") { (endpoint: FlightEndpoint) in endpoint.scheduled.map(format) }
        resolvers.leaf("StatusEndpoint", "estimated") { (endpoint: FlightEndpoint) in endpoint.estimated.map(format) }
        resolvers.leaf("StatusEndpoint", "actual") { (endpoint: FlightEndpoint) in endpoint.actual.map(format) }
        resolvers.leaf("StatusEndpoint", "delay") { (endpoint: FlightEndpoint) in endpoint.delay }

        resolvers.add("FlightStatusConnection", "edges", .async { field in
            try await (field.parent() as StatusConnection).page.value.edges
        })
        resolvers.add("FlightStatusConnection", "nodes", .async { field in
            try await (field.parent() as StatusConnection).page.value.edges.map(\.node)
        })
        resolvers.add("FlightStatusConnection", "pageInfo", .async { field in
            let page = try await (field.parent() as StatusConnection).page.value
            return PageInfo(hasNextPage: page.hasNextPage, endCursor: page.endCursor)
        })
        resolvers.add("FlightStatusConnection", "totalCount", .async { field in
            try await (field.parent() as StatusConnection).totalCount.value
        })
        resolvers.leaf("FlightStatusEdge", "cursor") { (edge: FlightStatusStore.Edge) in edge.cursor }
        resolvers.leaf("FlightStatusEdge", "node") { (edge: FlightStatusStore.Edge) in edge.node }
    }

    private static func format(_ date: Date) -> String {
        DateTimeText.format(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}

/// A `FlightStatusConnection`: one page of status documents and, when asked, their count.
struct StatusConnection: Sendable {
    let page: Once<FlightStatusStore.Page>
    let totalCount: Once<Int>
}

/// Calls into MongoDB with its failures mapped for clients: an unreachable server is
/// `document store unavailable` (the field fails, the rest of the response stands).
enum DocumentStore {
    static func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DocumentStoreError where error.code == .unavailable || error.code == .shutdown {
            throw DocumentStoreUnavailable()
        } catch let error as DocumentStoreError where error.code == .invalidArgument {
            throw BadUserInput(error.reason)
        }
    }
}

/// MongoDB is not configured or not reachable.
struct DocumentStoreUnavailable: Error, CustomStringConvertible {
    var description: String { "document store unavailable" }
}

extension Services {
    /// The flight-status store, or `document store unavailable` when MongoDB is not configured.
    func statusStore() throws -> FlightStatusStore {
        guard let statusStore = documents?.statuses else { throw DocumentStoreUnavailable() }
        return statusStore
    }
}

extension Flight {
    /// The natural key its status documents carry.
    var statusKey: FlightKey {
        FlightKey(carrierCode: carrier, flightNumber: flightNumber, date: date, origin: origin)
    }
}

extension FlightStatusFilter {
    /// The `FlightStatusFilter` input object (coerced by the engine), or no filter for null.
    /// Every value is a plain string or number: the store compares with `$eq`, never as an operator.
    init(_ value: JSONValue?) throws {
        self.init()
        guard case .object(let object)? = value else { return }
        carrierCode = object["carrierCode"]?.stringValue
        flightNumber = object["flightNumber"]?.intValue
        date = object["date"]?.stringValue
        state = object["state"]?.stringValue.flatMap(FlightState.init(rawValue:))
        source = object["source"]?.stringValue
        if let text = object["updatedSince"]?.stringValue {
            guard let seconds = DateTimeText.parse(text) else { throw BadUserInput("updatedSince is not RFC 3339") }
            updatedSince = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }
}

extension FlightStatusDocument {
    /// The document `recordFlightStatus(input:)` stores.
    init(input value: JSONValue?) throws {
        guard case .object(let input)? = value, let carrierCode = input["carrierCode"]?.stringValue,
            let flightNumber = input["flightNumber"]?.intValue, let date = input["date"]?.stringValue,
            let stateName = input["state"]?.stringValue, let state = FlightState(rawValue: stateName),
            let departureAirport = input["departureAirport"]?.stringValue,
            let arrivalAirport = input["arrivalAirport"]?.stringValue
        else { throw InternalError("FlightStatusInput not coerced") }
        let sourceName = input["source"]?.stringValue ?? "api"
        guard let source = FlightStatusSource(rawValue: sourceName) else {
            let known = FlightStatusSource.allCases.map(\.rawValue).joined(separator: ", ")
            throw BadUserInput("source must be one of \(known), got \"\(sourceName)\"")
        }
        func timestamp(_ key: String) throws -> Date? {
            guard let text = input[key]?.stringValue else { return nil }
            guard let seconds = DateTimeText.parse(text) else { throw BadUserInput("\(key) is not RFC 3339") }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        var raw = Documents.Document()
        for (key, value) in input { raw.append(key, BSONValue(value)) }
        self.init(
            carrierCode: carrierCode,
            flightNumber: flightNumber,
            date: date,
            state: state,
            departure: FlightEndpoint(
                airport: departureAirport, terminal: input["terminal"]?.stringValue, gate: input["gate"]?.stringValue,
                scheduled: try timestamp("departureScheduled"), estimated: try timestamp("departureEstimated"),
                actual: try timestamp("departureActual"), delay: input["departureDelay"]?.intValue),
            arrival: FlightEndpoint(
                airport: arrivalAirport, scheduled: try timestamp("arrivalScheduled"),
                estimated: try timestamp("arrivalEstimated"), actual: try timestamp("arrivalActual"),
                delay: input["arrivalDelay"]?.intValue),
            source: source,
            updatedAt: Date(),
            raw: raw
        )
        if let failure = validationFailure { throw BadUserInput(failure) }
    }
}

extension JSONValue {
    /// A BSON document as JSON: dates as RFC 3339 text, object ids as hex, binary as base64.
    init(_ document: Documents.Document) {
        var object = JSONObject()
        for (key, value) in document { object[key] = JSONValue(value) }
        self = .object(object)
    }

    init(_ value: BSONValue) {
        switch value {
        case .double(let number): self = number.isFinite ? .double(number) : .null
        case .string(let text): self = .string(text)
        case .document(let document): self.init(document)
        case .array(let values): self = .array(values.map(JSONValue.init))
        case .binary(_, let bytes): self = .string(Data(bytes).base64EncodedString())
        case .objectID(let id): self = .string(id.description)
        case .bool(let flag): self = .bool(flag)
        case .datetime(let date): self = .string(DateTimeText.format(Int64(date.timeIntervalSince1970.rounded(.down))))
        case .null: self = .null
        case .int32(let number): self = .int(Int(number))
        case .timestamp(let seconds, _): self = .int(Int(seconds))
        case .int64(let number): self = .int(Int(number))
        }
    }
}

extension BSONValue {
    /// A JSON value as BSON (integers as int64).
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int64(Int64(number))
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map(BSONValue.init))
        case .object(let object):
            var document = Documents.Document()
            for (key, value) in object { document.append(key, BSONValue(value)) }
            self = .document(document)
        }
    }
}
