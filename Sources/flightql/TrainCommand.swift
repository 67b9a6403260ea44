import ArgumentParser
import DelayModel
import FlightQL
import Foundation
import Relational

/// `flightql train`: trains the delay tree on 2013 months 1–9, evaluates it on months 10–12, writes the
/// artifact atomically (a serving process watching it picks it up) and prints the metrics table.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the delay model on months 1–9 of 2013, evaluate on 10–12, write the artifact."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Model artifact to write (env FLIGHTQL_MODEL).")
    var out: String = Configuration.fromEnvironment().modelPath
    @Option(help: "Maximum depth of the tree.")
    var maxDepth: Int = HyperParameters().maxDepth
    @Option(help: "Minimum number of training flights in a leaf.")
    var minSamplesLeaf: Int = HyperParameters().minSamplesLeaf

    func validate() throws {
        guard maxDepth >= 0 else { throw ValidationError("--max-depth must be at least 0") }
        guard minSamplesLeaf >= 1 else { throw ValidationError("--min-samples-leaf must be at least 1") }
    }

    func run() async throws {
        // Database.open would create an empty database; say what to do instead.
        guard FileManager.default.fileExists(atPath: database.path) else {
            print("no database at \(database.path): run `flightql ingest --db \(database.path)` first")
            throw ExitCode.failure
        }
        let db = try await Database.open(path: database.path)
        let options = ModelTrainingOptions(
            parameters: HyperParameters(maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf)
        )
        let bar = ProgressBar("train")
        let report: TrainingReport
        do {
            report = try await ModelTraining.train(database: db, options: options) { progress in
                bar.update(progress.phase, done: progress.done, total: progress.total)
            }
            bar.update("write", done: 0, total: 1)
            try ModelFile.write(report.artifact, to: out)
            bar.update("write", done: 1, total: 1)
        } catch {
            bar.finish()
            try await db.close()
            print("training failed, \(out) is unchanged: \(error)")
            throw ExitCode.failure
        }
        bar.finish()
        try await db.close()
        print(report.table)
        print("wrote \(out)")
    }
}
