import ArgumentParser
import FlightQL
import Foundation
import Ingest
import Relational

/// `flightql ingest`: loads the nycflights13 data set into SQLite (one transaction, idempotent).
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load data/nycflights13 into SQLite (one transaction; a rerun gives the same database)."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Folder with nycflights13/*.csv.gz and reference/airports-supplement.csv.")
    var data: String = "data"

    func run() async throws {
        let directory = URL(fileURLWithPath: database.path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = try await Database.open(path: database.path)
        let bar = ProgressBar("ingest")
        let summary: IngestSummary
        do {
            summary = try await NYCFlights13Loader.load(
                dataDirectory: "\(data)/nycflights13",
                supplement: "\(data)/reference/airports-supplement.csv",
                into: db,
                progress: { progress in bar.update(progress.phase, done: Int(progress.fraction * 1000), total: 1000) }
            )
        } catch {
            bar.finish()
            try await db.close()
            print("ingest failed, nothing was loaded: \(error)")
            throw ExitCode.failure
        }
        bar.finish()
        try await db.close()
        let seconds = Double(summary.duration.components.seconds) + Double(summary.duration.components.attoseconds) / 1e18
        print("loaded \(database.path) in \(String(format: "%.1f", seconds)) s")
        for table in ["airlines", "airports", "planes", "weather", "flights"] {
            print("  \(table.padding(toLength: 9, withPad: " ", startingAt: 0)) \(summary.rows[table] ?? 0) rows")
        }
        print("  airports added from the supplement: \(summary.supplementedAirports.joined(separator: ", "))")
        print("  cancelled flights (no departure time): \(summary.cancelledFlights)")
        print("  flights without weather at the origin hour: \(summary.flightsWithoutWeather)")
        print("  flights whose tail number is not in planes: \(summary.flightsWithUnknownPlane)")
        for flagged in summary.flaggedValues {
            print("  flagged as missing: \(flagged.file):\(flagged.line) \(flagged.column)=\(flagged.value) (\(flagged.reason))")
        }
    }
}
