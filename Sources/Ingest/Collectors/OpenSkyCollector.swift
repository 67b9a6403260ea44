public import Documents
public import Foundation
public import GraphQLEngine

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The OpenSky Network feed: `GET {base}/api/flights/departure` and `/api/flights/arrival` with
/// `airport=ICAO&begin=…&end=…` (Unix seconds) for each airport, one request per airport, direction and day
/// of the window, mapped to `flight_status` documents with `source: opensky`.
///
/// A response is a JSON array of flights (`icao24`, `firstSeen`, `estDepartureAirport`, `lastSeen`,
/// `estArrivalAirport`, `callsign`, …); 404 means no flights in the interval. OpenSky computes flights in a
/// nightly batch, so the window should end before today. Authentication is OAuth2 client credentials
/// (basic authentication ended on 18 March 2026): the client id and secret are exchanged at `tokenURL` for a
/// bearer token, renewed before it expires. Without credentials requests are anonymous (smaller quota).
public struct OpenSkyCollector: FlightStatusCollector {
    /// OAuth2 client credentials of an OpenSky API client.
    public struct Credentials: Sendable, Hashable {
        /// The client id.
        public var clientID: String
        /// The client secret.
        public var clientSecret: String

        /// Credentials.
        public init(clientID: String, clientSecret: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
        }

        /// Reads `CLIENT_ID:CLIENT_SECRET` (the form `--api-key` takes); `nil` without a colon or with an
        /// empty part.
        public init?(keyText: String) {
            guard let colon = keyText.firstIndex(of: ":") else { return nil }
            let id = String(keyText[..<colon])
            let secret = String(keyText[keyText.index(after: colon)...])
            guard !id.isEmpty, !secret.isEmpty else { return nil }
            self.init(clientID: id, clientSecret: secret)
        }
    }

    /// Where and what to fetch.
    public struct Options: Sendable {
        /// The site root, e.g. `https://opensky-network.org` (requests go to `{base}/api/flights/…`).
        public var baseURL: URL
        /// The OAuth2 token endpoint.
        public var tokenURL: URL
        /// Credentials, or `nil` for anonymous requests.
        public var credentials: Credentials?
        /// ICAO codes of the airports to poll.
        public var airports: [String]
        /// Start of the window (inclusive).
        public var begin: Date
        /// End of the window (exclusive).
        public var end: Date

        /// Options.
        public init(
            baseURL: URL,
            tokenURL: URL = OpenSkyCollector.defaultTokenURL,
            credentials: Credentials?,
            airports: [String],
            begin: Date,
            end: Date
        ) {
            self.baseURL = baseURL
            self.tokenURL = tokenURL
            self.credentials = credentials
            self.airports = airports
            self.begin = begin
            self.end = end
        }
    }

    /// Which flights of an airport.
    public enum Direction: String, Sendable, Hashable {
        case departure, arrival
    }

    /// One airport, direction and interval (at most `maximumInterval` long).
    public struct Request: Sendable, Hashable {
        /// The airport's ICAO code.
        public var airport: String
        /// Departures or arrivals.
        public var direction: Direction
        /// Interval start, Unix seconds.
        public var begin: Int
        /// Interval end, Unix seconds (OpenSky's `end` is inclusive, so this is the window's end minus 1).
        public var end: Int
    }

    /// The default site root.
    public static let defaultBaseURL = URL(string: "https://opensky-network.org")!
    /// OpenSky's OAuth2 token endpoint.
    public static let defaultTokenURL = URL(
        string: "https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token"
    )!
    /// The longest interval of one request: one day (OpenSky allows a few days per request; shorter requests
    /// keep each answer small).
    public static let maximumInterval = 86_400

    private let options: Options
    private let reference: CodeReference
    private let fetcher: HTTPFetcher
    private let tokens: TokenCache

    /// A collector fetching with `fetcher` and mapping codes with `reference`.
    ///
    /// - Throws: `CollectorError` `.invalidConfiguration` for no airports or an empty or reversed window.
    public init(options: Options, reference: CodeReference, fetcher: HTTPFetcher) throws(CollectorError) {
        guard !options.airports.isEmpty else { throw CollectorError(.invalidConfiguration, "no airports to poll") }
        guard options.begin < options.end else {
            throw CollectorError(.invalidConfiguration, "the window's begin must be before its end")
        }
        self.options = options
        self.reference = reference
        self.fetcher = fetcher
        tokens = TokenCache()
    }

    public func initialRequests() -> [Request] {
        let begin = Int(options.begin.timeIntervalSince1970)
        let end = Int(options.end.timeIntervalSince1970)
        var requests: [Request] = []
        for airport in options.airports {
            for direction in [Direction.departure, .arrival] {
                for start in stride(from: begin, to: end, by: Self.maximumInterval) {
                    let stop = min(start + Self.maximumInterval, end) - 1
                    requests.append(Request(airport: airport, direction: direction, begin: start, end: stop))
                }
            }
        }
        return requests
    }

    public func fetch(_ request: Request) async throws(CollectorError) -> CollectedPage<Request> {
        let label = "GET /api/flights/\(request.direction.rawValue) airport=\(request.airport) begin=\(request.begin)"
        var components = URLComponents(
            url: options.baseURL.appendingPathComponent("api/flights/\(request.direction.rawValue)"),
            resolvingAgainstBaseURL: false
        )
        components?.queryItems = [
            URLQueryItem(name: "airport", value: request.airport),
            URLQueryItem(name: "begin", value: String(request.begin)),
            URLQueryItem(name: "end", value: String(request.end)),
        ]
        guard let url = components?.url else {
            throw CollectorError(.invalidConfiguration, request: label, "cannot build a URL from the base URL")
        }
        var urlRequest = URLRequest(url: url)
        if let credentials = options.credentials {
            let token = try await tokens.token {
                () async throws(CollectorError) -> (String, Date) in try await requestToken(credentials)
            }
            urlRequest.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        let response = try await fetcher.send(urlRequest, label: label)
        switch response.status {
        case 200..<300: break
        case 404: return CollectedPage(statuses: [], rejected: [])
        case 429: throw response.rateLimitError(label: label, retryAfterHeader: "x-rate-limit-retry-after-seconds")
        case 401, 403:
            throw CollectorError(
                .apiError,
                request: label,
                status: response.status,
                "OpenSky refused the credentials or this request for them"
            )
        default:
            throw CollectorError(.httpStatus, request: label, status: response.status, "the API refused the request")
        }
        guard let records = try response.json(label: label).array else {
            throw CollectorError(.malformedResponse, request: label, status: response.status, "not a JSON array")
        }
        var statuses: [(record: String, status: FlightStatusDocument)] = []
        var rejected: [CollectRejection] = []
        for (position, record) in records.enumerated() {
            var name = "\(request.airport) \(request.direction.rawValue)s \(request.begin) record \(position + 1)"
            if let callsign = record["callsign"]?.nonEmptyString { name += " (\(callsign))" }
            switch Self.map(record, reference: reference) {
            case .success(let status): statuses.append((name, status))
            case .failure(let failure): rejected.append(CollectRejection(record: name, reason: failure.reason))
            }
        }
        return CollectedPage(statuses: statuses, rejected: rejected)
    }

    /// Exchanges the client credentials for a bearer token and its expiry.
    private func requestToken(_ credentials: Credentials) async throws(CollectorError) -> (String, Date) {
        let label = "POST \(options.tokenURL.path)"
        var request = URLRequest(url: options.tokenURL)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var form = URLComponents()
        form.queryItems = [
            URLQueryItem(name: "grant_type", value: "client_credentials"),
            URLQueryItem(name: "client_id", value: credentials.clientID),
            URLQueryItem(name: "client_secret", value: credentials.clientSecret),
        ]
        // `+` is a space in a form body; URLComponents leaves it as is.
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        request.httpBody = Data(body.utf8)
        let started = Date()
        let response = try await fetcher.send(request, label: label)
        if response.status == 429 {
            throw response.rateLimitError(label: label, retryAfterHeader: "retry-after")
        }
        guard (200..<300).contains(response.status) else {
            let detail = (try? response.json(label: label))?["error_description"]?.nonEmptyString
            throw CollectorError(
                .apiError,
                request: label,
                status: response.status,
                "the token endpoint refused the client credentials" + (detail.map { ": \($0)" } ?? "")
            )
        }
        let json = try response.json(label: label)
        guard let token = json["access_token"]?.nonEmptyString else {
            throw CollectorError(.malformedResponse, request: label, status: response.status, "no access_token")
        }
        let lifetime = json["expires_in"]?.integer ?? 300
        return (token, started.addingTimeInterval(Double(lifetime)))
    }
}

/// The current bearer token, fetched once and renewed a minute before it expires.
private actor TokenCache {
    private var current: (token: String, expires: Date)?

    func token(
        _ fetch: @Sendable () async throws(CollectorError) -> (String, Date)
    ) async throws(CollectorError) -> String {
        if let current, current.expires.timeIntervalSinceNow > 60 { return current.token }
        let (token, expires) = try await fetch()
        current = (token, expires)
        return token
    }
}

extension OpenSkyCollector {
    /// Maps one OpenSky flight to a status document.
    ///
    /// The callsign must be an airline's ICAO designator and a flight number (`UAL1545`); the designator and the
    /// airports' ICAO codes become IATA codes through `reference` (unknown codes are rejected). OpenSky reports
    /// flights after they happened: the state is `LANDED`, `firstSeen` and `lastSeen` are the actual departure
    /// and arrival (first and last ADS-B contact), there are no schedules or delays, the date is the local
    /// date of `firstSeen` at the departure airport, and `updatedAt` is `lastSeen`.
    public static func map(
        _ record: JSONValue,
        reference: CodeReference
    ) -> Result<FlightStatusDocument, MappingFailure> {
        guard record.object != nil else { return .failure(MappingFailure("the record is not an object")) }
        guard let callsign = record["callsign"]?.nonEmptyString else {
            return .failure(MappingFailure("callsign is missing"))
        }
        let letters = callsign.prefix(3)
        let digits = callsign.dropFirst(3)
        guard letters.count == 3, letters.allSatisfy({ $0.isASCII && $0.isUppercase }), (1...4).contains(digits.count),
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits)
        else {
            return .failure(MappingFailure("callsign \(callsign) is not an airline designator and flight number"))
        }
        guard let carrier = reference.airlinesByICAO[String(letters)] else {
            return .failure(MappingFailure("airline designator \(letters) is not in the airline reference"))
        }
        let departureAirport: CodeReference.Airport
        let arrivalAirport: CodeReference.Airport
        switch (
            airport(record["estDepartureAirport"], field: "estDepartureAirport", reference: reference),
            airport(record["estArrivalAirport"], field: "estArrivalAirport", reference: reference)
        ) {
        case (.failure(let failure), _), (_, .failure(let failure)): return .failure(failure)
        case (.success(let first), .success(let second)): (departureAirport, arrivalAirport) = (first, second)
        }
        guard let firstSeen = record["firstSeen"]?.integer, let lastSeen = record["lastSeen"]?.integer,
            firstSeen <= lastSeen
        else {
            return .failure(MappingFailure("firstSeen and lastSeen must be Unix times, firstSeen first"))
        }
        guard let timezone = TimeZone(identifier: departureAirport.timezone) else {
            return .failure(MappingFailure("time zone \(departureAirport.timezone) is unknown"))
        }
        let departed = Date(timeIntervalSince1970: Double(firstSeen))
        let arrived = Date(timeIntervalSince1970: Double(lastSeen))
        let status = FlightStatusDocument(
            carrierCode: carrier,
            flightNumber: number,
            date: FeedTime.localDate(departed, in: timezone),
            state: .landed,
            departure: FlightEndpoint(airport: departureAirport.iata, actual: departed),
            arrival: FlightEndpoint(airport: arrivalAirport.iata, actual: arrived),
            source: .opensky,
            updatedAt: arrived,
            raw: record.object?.bsonDocument ?? [:]
        )
        if let failure = status.validationFailure { return .failure(MappingFailure(failure)) }
        return .success(status)
    }

    private static func airport(
        _ value: JSONValue?,
        field: String,
        reference: CodeReference
    ) -> Result<CodeReference.Airport, MappingFailure> {
        guard let code = value?.nonEmptyString else {
            return .failure(MappingFailure("\(field) is missing (OpenSky could not identify the airport)"))
        }
        guard let airport = reference.airportsByICAO[code] else {
            return .failure(MappingFailure("\(field) \(code) has no IATA code in the airport reference"))
        }
        return .success(airport)
    }
}
