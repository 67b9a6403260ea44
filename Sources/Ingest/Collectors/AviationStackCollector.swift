public import Documents
public import Foundation
public import GraphQLEngine

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The AviationStack feed: `GET {base}/v1/flights?access_key=…&dep_iata=…&limit=…&offset=…` for each departure
/// airport, page by page, mapped to `flight_status` documents with `source: aviationstack`.
///
/// A page is `{"pagination": {"limit", "offset", "count", "total"}, "data": [flight, …]}`; a failure is
/// `{"error": {"code", "message", "context"?}}` (with a 4xx/5xx status, or 200 on older plans).
public struct AviationStackCollector: FlightStatusCollector {
    /// Where and what to fetch.
    public struct Options: Sendable {
        /// The API root, e.g. `https://api.aviationstack.com`.
        public var baseURL: URL
        /// The account's access key (the `access_key` query parameter).
        public var accessKey: String
        /// IATA codes of the departure airports to poll.
        public var airports: [String]
        /// A past date (`flight_date`, historical plans), or `nil` for the real-time feed.
        public var flightDate: String?
        /// Records per page (`limit`; at most 100 below the Professional plan).
        public var pageSize: Int
        /// The most pages fetched per airport (each page is one request of the plan's quota).
        public var maxPagesPerAirport: Int

        /// Options.
        public init(
            baseURL: URL,
            accessKey: String,
            airports: [String],
            flightDate: String? = nil,
            pageSize: Int = 100,
            maxPagesPerAirport: Int = 10
        ) {
            self.baseURL = baseURL
            self.accessKey = accessKey
            self.airports = airports
            self.flightDate = flightDate
            self.pageSize = pageSize
            self.maxPagesPerAirport = maxPagesPerAirport
        }
    }

    /// One page of one airport's departures.
    public struct Request: Sendable, Hashable {
        /// The departure airport's IATA code.
        public var airport: String
        /// The offset of the page's first record.
        public var offset: Int
        /// The 1-based page number for this airport.
        public var page: Int
    }

    /// The default API root.
    public static let defaultBaseURL = URL(string: "https://api.aviationstack.com")!

    private let options: Options
    private let fetcher: HTTPFetcher

    /// A collector fetching with `fetcher`.
    ///
    /// - Throws: `CollectorError` `.invalidConfiguration` for an empty key, no airports or a bad page size.
    public init(options: Options, fetcher: HTTPFetcher) throws(CollectorError) {
        guard !options.accessKey.isEmpty else {
            throw CollectorError(.invalidConfiguration, "AviationStack needs an access key (--api-key)")
        }
        guard !options.airports.isEmpty else {
            throw CollectorError(.invalidConfiguration, "no airports to poll")
        }
        guard (1...1000).contains(options.pageSize), options.maxPagesPerAirport >= 1 else {
            throw CollectorError(.invalidConfiguration, "the page size must be 1…1000 and at least one page allowed")
        }
        self.options = options
        self.fetcher = fetcher
    }

    public func initialRequests() -> [Request] {
        options.airports.map { Request(airport: $0, offset: 0, page: 1) }
    }

    public func fetch(_ request: Request) async throws(CollectorError) -> CollectedPage<Request> {
        let label = "GET /v1/flights dep_iata=\(request.airport) offset=\(request.offset)"
        var components = URLComponents(
            url: options.baseURL.appendingPathComponent("v1/flights"),
            resolvingAgainstBaseURL: false
        )
        var query = [
            URLQueryItem(name: "access_key", value: options.accessKey),
            URLQueryItem(name: "dep_iata", value: request.airport),
            URLQueryItem(name: "limit", value: String(options.pageSize)),
            URLQueryItem(name: "offset", value: String(request.offset)),
        ]
        if let flightDate = options.flightDate { query.append(URLQueryItem(name: "flight_date", value: flightDate)) }
        components?.queryItems = query
        guard let url = components?.url else {
            throw CollectorError(.invalidConfiguration, request: label, "cannot build a URL from the base URL")
        }
        let response = try await fetcher.send(URLRequest(url: url), label: label)
        let body = try? response.json(label: label)
        if let error = body?["error"]?.object {
            throw Self.apiError(error, response: response, label: label)
        }
        if response.status == 429 { throw response.rateLimitError(label: label, retryAfterHeader: "retry-after") }
        guard (200..<300).contains(response.status) else {
            throw CollectorError(.httpStatus, request: label, status: response.status, "the API refused the request")
        }
        let json = try response.json(label: label)
        guard let records = json["data"]?.array else {
            throw CollectorError(.malformedResponse, request: label, status: response.status, "no \"data\" array")
        }
        guard let pagination = json["pagination"]?.object, let offset = pagination["offset"]?.integer,
            let count = pagination["count"]?.integer, let total = pagination["total"]?.integer
        else {
            throw CollectorError(
                .malformedResponse,
                request: label,
                status: response.status,
                "no \"pagination\" object with integer offset, count and total"
            )
        }
        var statuses: [(record: String, status: FlightStatusDocument)] = []
        var rejected: [CollectRejection] = []
        for (position, record) in records.enumerated() {
            var name = "\(request.airport) page \(request.page) record \(position + 1)"
            if let flight = record["flight"]?["iata"]?.nonEmptyString { name += " (\(flight))" }
            switch Self.map(record) {
            case .success(let status): statuses.append((name, status))
            case .failure(let failure): rejected.append(CollectRejection(record: name, reason: failure.reason))
            }
        }
        let nextOffset = offset + count
        let morePages = count > 0 && nextOffset < total
        let allowed = request.page < options.maxPagesPerAirport
        let remainingPages = morePages ? (total - nextOffset + options.pageSize - 1) / options.pageSize : 0
        return CollectedPage(
            statuses: statuses,
            rejected: rejected,
            followUps: morePages && allowed
                ? [Request(airport: request.airport, offset: nextOffset, page: request.page + 1)] : [],
            expectedMoreRequests: max(0, min(remainingPages, options.maxPagesPerAirport - request.page) - 1)
        )
    }

    /// AviationStack's error object as a `CollectorError`: `rateLimited` for 429 and the quota codes,
    /// `apiError` otherwise, with the code, the message and the names of the parameters in `context`.
    private static func apiError(_ error: JSONObject, response: HTTPResponse, label: String) -> CollectorError {
        let code = error["code"].map { $0.nonEmptyString ?? $0.brief } ?? "unknown"
        var reason = "AviationStack error \(code)"
        if let message = error["message"]?.nonEmptyString { reason += ": \(message)" }
        if let context = error["context"]?.object, !context.isEmpty {
            reason += " (parameters: \(context.keys.joined(separator: ", ")))"
        }
        let rateLimited = response.status == 429 || ["usage_limit_reached", "rate_limit_reached"].contains(code)
        return CollectorError(rateLimited ? .rateLimited : .apiError, request: label, status: response.status, reason)
    }
}

/// Why a feed record could not become a status document.
public struct MappingFailure: Error, Sendable, Hashable {
    /// The reason, naming the field.
    public var reason: String

    /// A failure.
    public init(_ reason: String) { self.reason = reason }
}

extension AviationStackCollector {
    /// Maps one AviationStack flight record to a status document.
    ///
    /// `flight_date` is the date; `airline.iata` and `flight.number` the carrier and number; `departure.iata`
    /// and `arrival.iata` the airports; `flight_status` the state (`scheduled` with a departure delay is
    /// `DELAYED`; `incident` and unknown values are rejected). AviationStack writes airport-local wall-clock
    /// times with a `+00:00` suffix, so a time with offset zero is read in the endpoint's `timezone` when that
    /// is a known IANA zone, and any other offset as written. `updatedAt` is `live.updated`, else the latest
    /// actual time, else the scheduled departure, so collecting the same record twice writes the same document.
    public static func map(_ record: JSONValue) -> Result<FlightStatusDocument, MappingFailure> {
        guard record.object != nil else { return .failure(MappingFailure("the record is not an object")) }
        guard let date = record["flight_date"]?.nonEmptyString else {
            return .failure(MappingFailure("flight_date is missing"))
        }
        guard let carrier = record["airline"]?["iata"]?.nonEmptyString else {
            return .failure(MappingFailure("airline.iata is missing"))
        }
        guard let numberText = record["flight"]?["number"]?.nonEmptyString else {
            return .failure(MappingFailure("flight.number is missing"))
        }
        guard let number = Int(numberText) else {
            return .failure(MappingFailure("flight.number \(numberText) is not a number"))
        }
        let statusText = record["flight_status"]?.nonEmptyString
        let departure: FlightEndpoint
        let arrival: FlightEndpoint
        switch (endpoint(record["departure"], name: "departure"), endpoint(record["arrival"], name: "arrival")) {
        case (.failure(let failure), _), (_, .failure(let failure)): return .failure(failure)
        case (.success(let first), .success(let second)): (departure, arrival) = (first, second)
        }
        let state: FlightState
        switch statusText {
        case "scheduled": state = (departure.delay ?? 0) > 0 ? .delayed : .scheduled
        case "active": state = .active
        case "landed": state = .landed
        case "cancelled": state = .cancelled
        case "diverted": state = .diverted
        case let other?: return .failure(MappingFailure("flight_status \"\(other)\" has no FlightQL state"))
        case nil: return .failure(MappingFailure("flight_status is missing"))
        }
        let live = record["live"]?["updated"]?.nonEmptyString.flatMap(FeedTime.parse).map(FeedTime.instant)
        guard let updatedAt = live ?? arrival.actual ?? departure.actual ?? departure.scheduled else {
            return .failure(MappingFailure("no time to date the status (live.updated, actual or scheduled)"))
        }
        let status = FlightStatusDocument(
            carrierCode: carrier,
            flightNumber: number,
            date: date,
            state: state,
            departure: departure,
            arrival: arrival,
            source: .aviationstack,
            updatedAt: updatedAt,
            raw: record.object?.bsonDocument ?? [:]
        )
        if let failure = status.validationFailure { return .failure(MappingFailure(failure)) }
        return .success(status)
    }

    private static func endpoint(_ value: JSONValue?, name: String) -> Result<FlightEndpoint, MappingFailure> {
        guard let value, value.object != nil else { return .failure(MappingFailure("\(name) is missing")) }
        guard let airport = value["iata"]?.nonEmptyString else {
            return .failure(MappingFailure("\(name).iata is missing"))
        }
        let timezone = value["timezone"]?.nonEmptyString.flatMap(TimeZone.init(identifier:))
        var times: [String: Date] = [:]
        for field in ["scheduled", "estimated", "actual"] {
            guard let text = value[field]?.nonEmptyString else { continue }
            guard let stamp = FeedTime.parse(text) else {
                return .failure(MappingFailure("\(name).\(field) \(text) is not an ISO 8601 time"))
            }
            if stamp.offset == 0, let timezone {
                times[field] = FeedTime.instant(stamp, wallClockIn: timezone)
            } else {
                times[field] = FeedTime.instant(stamp)
            }
        }
        let delay = value["delay"]
        if let delay, !delay.isNull, delay.integer == nil {
            return .failure(MappingFailure("\(name).delay \(delay.brief) is not a whole number of minutes"))
        }
        return .success(
            FlightEndpoint(
                airport: airport,
                terminal: value["terminal"]?.nonEmptyString,
                gate: value["gate"]?.nonEmptyString,
                scheduled: times["scheduled"],
                estimated: times["estimated"],
                actual: times["actual"],
                delay: delay?.integer
            )
        )
    }
}
