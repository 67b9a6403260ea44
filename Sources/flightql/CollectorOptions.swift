import ArgumentParser
import Foundation
import Ingest

/// The live APIs `flightql collect` and `flightql pipeline` can fetch flight statuses from.
enum CollectorSource: String, ExpressibleByArgument, CaseIterable, Sendable {
    case aviationstack, opensky
}

/// The options of the HTTP collectors, shared by `flightql collect` and `flightql pipeline --source
/// aviationstack|opensky`.
struct CollectorOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "API root (default: the public API of the source).")
    var baseURL: String?
    @Option(name: .customLong("api-key"), help: "AviationStack access key, or OpenSky CLIENT_ID:CLIENT_SECRET.")
    var apiKey: String?
    @Option(help: "Airports to poll, comma-separated IATA (or, for OpenSky, ICAO) codes.")
    var airports: String = "EWR,JFK,LGA"
    @Option(name: .customLong("flight-date"), help: "AviationStack: a past date YYYY-MM-DD (historical plans).")
    var flightDate: String?
    @Option(name: .customLong("max-pages"), help: "AviationStack: most pages (requests) per airport.")
    var maxPages: Int = 10
    @Option(name: .customLong("page-size"), help: "AviationStack: records per page (limit).") var pageSize: Int = 100
    @Option(name: .customLong("token-url"), help: "OpenSky: OAuth2 token endpoint.")
    var tokenURL: String = OpenSkyCollector.defaultTokenURL.absoluteString
    @Option(help: "Folder with airport-codes.csv.gz and airline-codes.csv (OpenSky code mapping).")
    var reference: String = "data/reference"
    @Option(help: "Seconds one HTTP request may take.") var timeout: Double = 30

    /// The airport codes of `--airports`, upper-cased.
    var airportCodes: [String] {
        airports.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
    }

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard !airportCodes.isEmpty, airportCodes.allSatisfy({ (3...4).contains($0.count) }) else {
            throw ValidationError("--airports must list 3-letter IATA or 4-letter ICAO codes")
        }
    }

    /// A collector of `source` configured by these options; OpenSky polls `[begin, end)`, AviationStack the
    /// current flights (or `--flight-date`) whatever the window. Keys missing from the options come from
    /// `AVIATIONSTACK_ACCESS_KEY` or `OPENSKY_CLIENT_CREDENTIALS`.
    func collector(_ source: CollectorSource, begin: Date, end: Date) throws -> any FlightStatusCollector {
        let fetcher = HTTPFetcher(timeout: timeout)
        let environment = ProcessInfo.processInfo.environment
        switch source {
        case .aviationstack:
            return try AviationStackCollector(
                options: .init(
                    baseURL: try Self.url(
                        baseURL,
                        default: AviationStackCollector.defaultBaseURL,
                        option: "--base-url"
                    ),
                    accessKey: apiKey ?? environment["AVIATIONSTACK_ACCESS_KEY"] ?? "",
                    airports: airportCodes,
                    flightDate: flightDate,
                    pageSize: pageSize,
                    maxPagesPerAirport: maxPages
                ),
                fetcher: fetcher
            )
        case .opensky:
            let table = try CodeReference(directory: reference)
            let icaoCodes = try airportCodes.map { code in
                if code.count == 4 { return code }
                guard let icao = table.icaoByIATA[code] else {
                    throw ValidationError("airport \(code) has no ICAO code in \(reference)/airport-codes.csv.gz")
                }
                return icao
            }
            let credentials = try (apiKey ?? environment["OPENSKY_CLIENT_CREDENTIALS"]).map { text in
                guard let credentials = OpenSkyCollector.Credentials(keyText: text) else {
                    throw ValidationError("the OpenSky key must be CLIENT_ID:CLIENT_SECRET")
                }
                return credentials
            }
            return try OpenSkyCollector(
                options: .init(
                    baseURL: try Self.url(baseURL, default: OpenSkyCollector.defaultBaseURL, option: "--base-url"),
                    tokenURL: try Self.url(tokenURL, default: OpenSkyCollector.defaultTokenURL, option: "--token-url"),
                    credentials: credentials,
                    airports: icaoCodes,
                    begin: begin,
                    end: end
                ),
                reference: table,
                fetcher: fetcher
            )
        }
    }

    private static func url(_ text: String?, default fallback: URL, option: String) throws -> URL {
        guard let text else { return fallback }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else { throw ValidationError("\(option) \(text) is not an http(s) URL") }
        return url
    }
}
