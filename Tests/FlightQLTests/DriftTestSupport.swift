import DelayModel
import Foundation
import Ingest
import Relational

@testable import FlightQL

/// This process's test files, removed when it exits.
private let driftTestDirectory: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-drift-\(UUID())")
    atexit { try? FileManager.default.removeItem(at: driftTestDirectory) }
    return directory
}()

/// The real nycflights13 data ingested into a temporary SQLite file and a model trained on months 1–9 from it,
/// built once for all drift tests.
struct DriftFixture: Sendable {
    let database: Database
    let artifact: ModelArtifact
    /// The number of training rows (non-cancelled flights of months 1–9).
    let trainingRows: Int

    /// 2013-10-01T04:00:00Z: local midnight of October 1 in New York, the end of the training months.
    static let october: Int64 = 1_380_600_000
    /// 2014-01-01T05:00:00Z: local midnight of January 1, 2014, the end of the data.
    static let january: Int64 = 1_388_552_400

    private static let shared = Task<DriftFixture, any Error> {
        var root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { root.deleteLastPathComponent() }
        try FileManager.default.createDirectory(at: driftTestDirectory, withIntermediateDirectories: true)
        let database = try await Database.open(
            path: driftTestDirectory.appendingPathComponent("test.sqlite").path,
            readers: 2
        )
        _ = try await NYCFlights13Loader.load(
            dataDirectory: root.appendingPathComponent("data/nycflights13").path,
            supplement: root.appendingPathComponent("data/reference/airports-supplement.csv").path,
            into: database
        )
        let flights = try await database.flightFeatures(to: october)
        var training = TrainingSet(spec: .flightDelay)
        for row in 0..<flights.count {
            training.append(.flight(flights, at: row), depDelay: Double(flights.departureDelay[row]))
        }
        // The references do not depend on the tree, so a shallow one keeps the test fast.
        let artifact = try ModelArtifact.train(
            training: training,
            evaluation: nil,
            parameters: HyperParameters(maxDepth: 2),
            trainingWindow: TrainingWindow(from: "2013-01-01T05:00:00Z", to: "2013-10-01T04:00:00Z"),
            evaluationWindow: nil
        )
        return DriftFixture(database: database, artifact: artifact, trainingRows: flights.count)
    }

    /// The fixture, built on first use.
    static func get() async throws -> DriftFixture { try await shared.value }
}
