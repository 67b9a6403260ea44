import ArgumentParser
import DelayModel
import Documents
import Drift
import FlightQL
import Foundation
import Relational

/// `flightql drift`: compares a window's feature distributions with the model's training reference and prints a
/// table per feature and the dataset verdict.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare a window's feature distributions with the model's training reference.",
        discussion: """
            Numeric features are judged by the Wasserstein distance over the reference standard deviation, \
            categorical ones by the Jensen–Shannon distance (≥ 0.1 drifts; KS and chi-square p < 0.05 for a \
            reference of at most 1,000 rows). The dataset drifts when at least half the features drift.
            """
    )

    @Option(help: "Where the current rows come from: flights, flight-status or predictions.")
    var source: String = DriftSource.flights.argument

    @Option(help: "Window start, inclusive, RFC 3339 (e.g. 2013-10-01T04:00:00Z); unbounded when omitted.")
    var from: String?

    @Option(help: "Window end, exclusive, RFC 3339 (e.g. 2014-01-01T05:00:00Z); unbounded when omitted.")
    var to: String?

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Model artifact whose training reference is compared (env FLIGHTQL_MODEL).")
    var model: String = Configuration.fromEnvironment().modelPath

    @Option(
        name: .customLong("mongodb-uri"),
        help: "MongoDB for the flight-status and predictions sources (env MONGODB_URI)."
    )
    var mongoURI: String?

    func run() async throws {
        let window: DriftWindow
        do {
            window = try DriftWindow(source: source, from: from, to: to)
        } catch {
            throw ValidationError(error.message)
        }
        let artifact: ModelArtifact
        do {
            artifact = try ModelArtifact(jsonData: Data(contentsOf: URL(fileURLWithPath: model)))
        } catch let error as ModelArtifactError {
            printError("drift: \(model): \(error)")
            throw ExitCode.failure
        } catch {
            printError(
                "drift: cannot read the model artifact \(model) (run `flightql train` first): \(error.localizedDescription)"
            )
            throw ExitCode.failure
        }
        guard FileManager.default.fileExists(atPath: database.path) else {
            printError("drift: no database at \(database.path) (run `flightql ingest` first)")
            throw ExitCode.failure
        }
        // Only the MongoDB sources need a client; without a URI they fail with a message naming MONGODB_URI.
        let uri = window.source == .flights ? nil : mongoURI ?? Configuration.fromEnvironment().mongoURI
        let documents: DocumentServices?
        do {
            documents = try uri.map { DocumentServices(client: try MongoClient(uri: $0)) }
        } catch {
            throw ValidationError("--mongodb-uri: \(error)")
        }
        let db = try await Database.open(path: database.path)
        let report: DriftResult
        do {
            let service = DriftService(
                database: db,
                documents: documents,
                predictionFeatures: try await PredictionFeatures.load(from: db)
            )
            report = try await service.report(window: window, artifact: artifact)
        } catch {
            await documents?.client.shutdown()
            try await db.close()
            // DriftServiceError and DriftError already start with "drift: ".
            printError(error is DriftServiceError || error is DriftError ? "\(error)" : "drift: \(error)")
            throw ExitCode.failure
        }
        await documents?.client.shutdown()
        try await db.close()
        print(renderDriftTable(report))
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
