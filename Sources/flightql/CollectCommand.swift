import ArgumentParser
import Documents
import FlightQL
import Foundation
import Ingest

/// `flightql collect --source aviationstack|opensky`: fetches flight statuses from a live API and upserts them
/// into MongoDB `flight_status` (idempotent: collecting the same records again changes nothing).
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Fetch flight statuses from AviationStack or OpenSky into MongoDB flight_status.",
        discussion: """
            AviationStack: one GET /v1/flights per page of each departure airport (access key: --api-key or \
            AVIATIONSTACK_ACCESS_KEY). OpenSky: GET /api/flights/departure and /arrival per airport and day of \
            the window (OAuth2 client credentials CLIENT_ID:CLIENT_SECRET: --api-key or OPENSKY_CLIENT_CREDENTIALS; \
            anonymous without). Exits 1 when a request or the store failed; rejected records are listed but are \
            not a failure.
            """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case aviationstack, opensky
    }

    @Option(help: "The API: aviationstack or opensky.") var source: Source
    @Option(name: .customLong("base-url"), help: "API root (default: the public API of the source).")
    var baseURL: String?
    @Option(name: .customLong("api-key"), help: "AviationStack access key, or OpenSky CLIENT_ID:CLIENT_SECRET.")
    var apiKey: String?
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env MONGODB_URI).")
    var mongoURI: String?
    @Option(help: "Airports to poll, comma-separated IATA (or, for OpenSky, ICAO) codes.")
    var airports: String = "EWR,JFK,LGA"
    @Option(name: .customLong("flight-date"), help: "AviationStack: a past date YYYY-MM-DD (historical plans).")
    var flightDate: String?
    @Option(name: .customLong("max-pages"), help: "AviationStack: most pages (requests) per airport.")
    var maxPages: Int = 10
    @Option(name: .customLong("page-size"), help: "AviationStack: records per page (limit).") var pageSize: Int = 100
    @Option(help: "OpenSky: window start, YYYY-MM-DD (UTC midnight) or Unix seconds (default: yesterday, UTC).")
    var begin: String?
    @Option(help: "OpenSky: window end (exclusive), same forms (default: today 00:00 UTC).") var end: String?
    @Option(name: .customLong("token-url"), help: "OpenSky: OAuth2 token endpoint.")
    var tokenURL: String = OpenSkyCollector.defaultTokenURL.absoluteString
    @Option(help: "Folder with airport-codes.csv.gz and airline-codes.csv (OpenSky code mapping).")
    var reference: String = "data/reference"
    @Option(help: "Seconds one HTTP request may take.") var timeout: Double = 30

    func run() async throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard let uri = mongoURI ?? Configuration.fromEnvironment().mongoURI else {
            throw ValidationError("no MongoDB: pass --mongodb-uri or set MONGODB_URI")
        }
        let codes = airports.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        guard !codes.isEmpty, codes.allSatisfy({ (3...4).contains($0.count) }) else {
            throw ValidationError("--airports must list 3-letter IATA or 4-letter ICAO codes")
        }
        let fetcher = HTTPFetcher(timeout: timeout)
        let environment = ProcessInfo.processInfo.environment
        switch source {
        case .aviationstack:
            let collector = try AviationStackCollector(
                options: .init(
                    baseURL: try Self.url(
                        baseURL,
                        default: AviationStackCollector.defaultBaseURL,
                        option: "--base-url"
                    ),
                    accessKey: apiKey ?? environment["AVIATIONSTACK_ACCESS_KEY"] ?? "",
                    airports: codes,
                    flightDate: flightDate,
                    pageSize: pageSize,
                    maxPagesPerAirport: maxPages
                ),
                fetcher: fetcher
            )
            try await collect(with: collector, uri: uri)
        case .opensky:
            let table = try CodeReference(directory: reference)
            let icaoCodes = try codes.map { code in
                if code.count == 4 { return code }
                guard let icao = table.icaoByIATA[code] else {
                    throw ValidationError("airport \(code) has no ICAO code in \(reference)/airport-codes.csv.gz")
                }
                return icao
            }
            let key = apiKey ?? environment["OPENSKY_CLIENT_CREDENTIALS"]
            let credentials = try key.map { text in
                guard let credentials = OpenSkyCollector.Credentials(keyText: text) else {
                    throw ValidationError("the OpenSky key must be CLIENT_ID:CLIENT_SECRET")
                }
                return credentials
            }
            let today = Int(Date().timeIntervalSince1970) / 86_400 * 86_400
            let window = (
                try begin.map(Self.instant) ?? Date(timeIntervalSince1970: Double(today - 86_400)),
                try end.map(Self.instant) ?? Date(timeIntervalSince1970: Double(today))
            )
            let collector = try OpenSkyCollector(
                options: .init(
                    baseURL: try Self.url(baseURL, default: OpenSkyCollector.defaultBaseURL, option: "--base-url"),
                    tokenURL: try Self.url(tokenURL, default: OpenSkyCollector.defaultTokenURL, option: "--token-url"),
                    credentials: credentials,
                    airports: icaoCodes,
                    begin: window.0,
                    end: window.1
                ),
                reference: table,
                fetcher: fetcher
            )
            try await collect(with: collector, uri: uri)
        }
    }

    private func collect(with collector: some FlightStatusCollector, uri: String) async throws {
        let client = try MongoClient(uri: uri)
        let summary: CollectSummary
        let started = ContinuousClock.now
        do {
            let store = FlightStatusStore(client: client)
            try await store.prepare()
            let bar = ProgressBar("collect")
            summary = await StatusCollection.run(collector, into: store) { done, expected in
                bar.update("requests", done: done, total: expected)
            }
            bar.finish()
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        print(
            "collected \(summary.received) records from \(source.rawValue) in \(summary.requests) requests, \(ContinuousClock.now - started)"
        )
        print("  inserted \(summary.inserted), updated \(summary.updated), rejected \(summary.rejected.count)")
        for rejection in summary.rejected.prefix(50) {
            print("  rejected \(rejection.record): \(rejection.reason)")
        }
        if summary.rejected.count > 50 { print("  … and \(summary.rejected.count - 50) more rejected") }
        if let failure = summary.failure {
            print("stopped early: \(failure)")
            throw ExitCode.failure
        }
    }

    private static func url(_ text: String?, default fallback: URL, option: String) throws -> URL {
        guard let text else { return fallback }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else { throw ValidationError("\(option) \(text) is not an http(s) URL") }
        return url
    }

    /// `YYYY-MM-DD` (UTC midnight) or Unix seconds.
    private static func instant(_ text: String) throws -> Date {
        if let seconds = Int(text) { return Date(timeIntervalSince1970: Double(seconds)) }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard parts.count == 3, text.count == 10,
            let instant = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: instant) == parts[2]
        else { throw ValidationError("\(text) is neither a date YYYY-MM-DD nor Unix seconds") }
        return instant
    }
}
