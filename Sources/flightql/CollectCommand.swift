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

    @Option(help: "The API: aviationstack or opensky.") var source: CollectorSource
    @OptionGroup var options: CollectorOptions
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env MONGODB_URI).")
    var mongoURI: String?
    @Option(help: "OpenSky: window start, YYYY-MM-DD (UTC midnight) or Unix seconds (default: yesterday, UTC).")
    var begin: String?
    @Option(help: "OpenSky: window end (exclusive), same forms (default: today 00:00 UTC).") var end: String?

    func run() async throws {
        guard let uri = mongoURI ?? Configuration.fromEnvironment().mongoURI else {
            throw ValidationError("no MongoDB: pass --mongodb-uri or set MONGODB_URI")
        }
        let today = Int(Date().timeIntervalSince1970) / 86_400 * 86_400
        let collector = try options.collector(
            source,
            begin: try begin.map(Self.instant) ?? Date(timeIntervalSince1970: Double(today - 86_400)),
            end: try end.map(Self.instant) ?? Date(timeIntervalSince1970: Double(today))
        )
        try await collect(with: collector, uri: uri)
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
