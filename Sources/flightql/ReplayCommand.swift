import ArgumentParser
import Documents
import FlightQL
import Foundation
import Ingest
import Relational

/// `flightql replay --from DATE --to DATE`: writes the historical flights of a local-date window to
/// MongoDB `flight_status` as the statuses they ended in (idempotent: a rerun changes nothing).
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay the flights of a local-date window (--to exclusive) into MongoDB flight_status."
    )

    @Option(help: "First local date (America/New_York), YYYY-MM-DD.") var from: String
    @Option(help: "Local date after the last one, YYYY-MM-DD.") var to: String
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env MONGODB_URI).") var mongoURI: String?

    func run() async throws {
        let window = (try localMidnight(from), try localMidnight(to))
        guard window.0 < window.1 else { throw ValidationError("--from must be before --to") }
        guard let uri = mongoURI ?? Configuration.fromEnvironment().mongoURI else {
            throw ValidationError("no MongoDB: pass --mongodb-uri or set MONGODB_URI")
        }
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw ValidationError("no database at \(database.path): run `flightql ingest` first")
        }
        let db = try await Database.open(path: database.path)
        let client = try MongoClient(uri: uri)
        do {
            let store = FlightStatusStore(client: client)
            try await store.prepare()
            let flights = try await db.flights(from: window.0, to: window.1)
            let bar = ProgressBar("replay")
            let started = ContinuousClock.now
            let summary = try await ReplayFeed(store: store).replay(flights) { done, total in
                bar.update("flights", done: done, total: total)
            }
            bar.finish()
            print("replayed \(flights.count) flights \(from) … \(to) in \(ContinuousClock.now - started)")
            print(
                "  inserted \(summary.inserted), updated \(summary.updated), unchanged \(summary.unchanged),"
                    + " rejected \(summary.rejected.count)"
            )
            for rejection in summary.rejected.prefix(20) {
                print("  rejected \(rejection.id): \(rejection.reason)")
            }
            await client.shutdown()
            try await db.close()
            if !summary.rejected.isEmpty { throw ExitCode.failure }
        } catch {
            await client.shutdown()
            try await db.close()
            throw error
        }
    }
}
