import DelayModel
import Foundation
import Relational
import Synchronization
import Testing

@testable import FlightQL

struct ModelTrainingTests {
    @Test func defaultWindowsAreTheLocalMonthsOf2013InNewYork() {
        let options = ModelTrainingOptions()
        // 2013-01-01T05:00:00Z (EST), 2013-10-01T04:00:00Z (EDT), 2014-01-01T05:00:00Z (EST).
        #expect(options.training == DepartureWindow(from: 1_357_016_400, to: 1_380_600_000))
        #expect(options.evaluation == DepartureWindow(from: 1_380_600_000, to: 1_388_552_400))
        #expect(
            options.training.artifactWindow == TrainingWindow(from: "2013-01-01T05:00:00Z", to: "2013-10-01T04:00:00Z")
        )
        #expect(options.parameters == HyperParameters())
    }

    @Test func trainsOnTheTrainingWindowAndEvaluatesOnTheEvaluationWindow() async throws {
        try await ModelFixture.withDatabase { database, fixture in
            let options = ModelTrainingOptions(parameters: HyperParameters(maxDepth: 3, minSamplesLeaf: 5))
            let phases = TrainingProgressLog()
            let report = try await ModelTraining.train(database: database, options: options) { phases.append($0) }
            let artifact = report.artifact
            #expect(artifact.trainingRows == fixture.trainingRows)
            #expect(artifact.trainingMetrics.rows == fixture.trainingRows)
            #expect(artifact.evaluationMetrics?.rows == fixture.evaluationRows)
            #expect(artifact.trainingWindow == options.training.artifactWindow)
            #expect(artifact.evaluationWindow == options.evaluation?.artifactWindow)
            #expect(artifact.hyperParameters == options.parameters)
            // EV is always late, the others never: a perfect split on carrier.
            #expect(artifact.trainingMetrics.rocAUC == 1)
            #expect(artifact.evaluationMetrics?.rocAUC == 1)
            #expect(
                artifact.evaluationMetrics?.positiveRate == Double(fixture.evaluationDelayed)
                    / Double(fixture.evaluationRows)
            )
            let predictor = DelayPredictor(artifact)
            let late = FeatureRow.flight(
                month: 5,
                dayOfWeek: 3,
                schedDepHour: 12,
                carrier: "EV",
                origin: "EWR",
                dest: "ORD",
                distance: 719,
                temp: nil,
                humid: nil,
                windSpeed: nil,
                precip: nil,
                pressure: nil,
                visib: nil
            )
            #expect(predictor.predict(late).probability == 1)
            let table = report.table
            #expect(table.contains(artifact.modelVersion))
            #expect(table.contains("ROC AUC") && table.contains("1.0000"))
            #expect(table.contains(String(fixture.trainingRows)) && table.contains(String(fixture.evaluationRows)))
            let log = phases.entries
            #expect(log.first == TrainingProgress(phase: "read", done: 0, total: 2))
            #expect(log.last == TrainingProgress(phase: "fit", done: 1, total: 1))
            let rows = fixture.trainingRows + fixture.evaluationRows
            #expect(log.contains(TrainingProgress(phase: "features", done: rows, total: rows)))
        }
    }

    @Test func anEmptyTrainingWindowIsAClearError() async throws {
        try await ModelFixture.withDatabase { database, _ in
            let options = ModelTrainingOptions(
                training: .months(1...9, of: 2020, in: ModelTrainingOptions.nycTimeZone),
                evaluation: nil
            )
            let error = await #expect(throws: ModelTrainingError.self) {
                try await ModelTraining.train(database: database, options: options)
            }
            #expect(error?.description.contains("flightql ingest") == true)
        }
    }

    @Test func writesAtomicallyAndReadsBack() throws {
        let folder = try ModelFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/models/delay-tree.json"
        let artifact = try ModelFixture.artifact(lateCarrier: "EV")
        try ModelFile.write(artifact, to: path)
        try ModelFile.write(try ModelFixture.artifact(lateCarrier: "AA"), to: path)
        #expect(try ModelFile.read(path).modelVersion != artifact.modelVersion)
        try ModelFile.write(artifact, to: path)
        #expect(try ModelFile.read(path).modelVersion == artifact.modelVersion)
        // Only the artifact remains: no temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/models") == ["delay-tree.json"])
    }

    @Test func aFailedWriteLeavesNoTemporaryFile() throws {
        let folder = try ModelFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The target is a non-empty folder, so the final rename fails.
        try FileManager.default.createDirectory(
            atPath: folder + "/delay-tree.json/x",
            withIntermediateDirectories: true
        )
        let error = #expect(throws: ModelFileError.self) {
            try ModelFile.write(try ModelFixture.artifact(lateCarrier: "EV"), to: folder + "/delay-tree.json")
        }
        #expect(error?.description.contains("cannot rename") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["delay-tree.json"])
    }

    @Test func readRefusesAModelForOtherFeatures() throws {
        let folder = try ModelFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = FeatureSpec([.numeric("x")])
        var set = TrainingSet(spec: spec)
        for value in 0..<20 { set.append(FeatureRow([.number(Double(value))]), depDelay: value < 10 ? 0 : 30) }
        let other = try ModelArtifact.train(
            training: set,
            evaluation: nil,
            trainingWindow: TrainingWindow(from: "a", to: "b"),
            evaluationWindow: nil
        )
        let path = folder + "/other.json"
        try ModelFile.write(other, to: path)
        let error = #expect(throws: ModelFileError.self) { try ModelFile.read(path) }
        #expect(error?.description.contains("features") == true)
    }
}

/// Collects progress reports from any thread.
final class TrainingProgressLog: Sendable {
    private let log = Mutex<[TrainingProgress]>([])

    func append(_ progress: TrainingProgress) { log.withLock { $0.append(progress) } }

    var entries: [TrainingProgress] { log.withLock { $0 } }
}

/// A small SQLite database in a temporary folder and synthetic models, for the Model* tests.
///
/// Flights: every day of 2013, AA at 08:xx, EV at 12:xx and UA at 16:xx local (New York) from EWR, to ORD
/// (719 miles; one AA flight says 720) or ATL (746 miles) on alternate days. EV departs 30 minutes late, the
/// others 2 minutes early. Every 50th AA flight is cancelled. Weather at EWR for 2013-01-01T10:00Z only.
enum ModelFixture {
    struct Counts {
        var trainingRows = 0
        var evaluationRows = 0
        var evaluationDelayed = 0
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("modeltests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `body` with the fixture database open, then closes and deletes it.
    static func withDatabase(_ body: (Database, Counts) async throws -> Void) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try await Database.open(path: folder + "/flightql.sqlite", readers: 2)
        do {
            let counts = try await database.write { connection in try fill(connection) }
            try await body(database, counts)
        } catch {
            try await database.close()
            throw error
        }
        try await database.close()
    }

    private static func fill(_ connection: Connection) throws -> Counts {
        try connection.transaction {
            for (code, name) in [("AA", "American"), ("EV", "ExpressJet"), ("UA", "United")] {
                try connection.execute("INSERT INTO airlines (code, name) VALUES (?, ?)", [.text(code), .text(name)])
            }
            let airports: [(String, String?, Double?)] = [
                ("EWR", "America/New_York", -5), ("JFK", "America/New_York", -5), ("ORD", "America/Chicago", -6),
                ("ATL", "America/New_York", -5), ("HNL", nil, -10), ("XXX", nil, nil),
            ]
            for (code, zone, offset) in airports {
                try connection.execute(
                    """
                    INSERT INTO airports (code, name, latitude, longitude, utc_offset, timezone, source)
                    VALUES (?, ?, 0, 0, ?, ?, 'test')
                    """,
                    [.text(code), .text(code), SQLValue(offset), SQLValue(zone)]
                )
            }
            try connection.execute(
                """
                INSERT INTO weather (origin, time_utc, temp, humid, wind_speed, precip, pressure, visib)
                VALUES ('EWR', 1357034400, 39.02, 59.37, 12.65858, 0, 1012.5, 10)
                """
            )
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = ModelTrainingOptions.nycTimeZone
            let evaluationStart = ModelTrainingOptions().evaluation!.from
            var counts = Counts()
            var flightNumber = 0
            for day in 0..<365 {
                let date = calendar.date(
                    byAdding: .day,
                    value: day,
                    to: calendar.date(from: DateComponents(year: 2013, month: 1, day: 1))!
                )!
                let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
                for (index, carrier) in ["AA", "EV", "UA"].enumerated() {
                    flightNumber += 1
                    let hour = 8 + 4 * index
                    let minute = day % 60
                    let local = DateComponents(
                        year: 2013,
                        month: parts.month,
                        day: parts.day,
                        hour: hour,
                        minute: minute
                    )
                    let departure = Int64(calendar.date(from: local)!.timeIntervalSince1970)
                    let dest = day % 2 == 0 ? "ORD" : "ATL"
                    let distance = dest == "ATL" ? 746 : (carrier == "AA" && day == 100 ? 720 : 719)
                    let cancelled = carrier == "AA" && flightNumber % 50 == 1
                    let delay: Int? = cancelled ? nil : (carrier == "EV" ? 30 : -2)
                    try connection.execute(
                        """
                        INSERT INTO flights (date, year, month, day, day_of_week, carrier, flight_number, origin, dest,
                            sched_dep_utc, sched_dep_hour, sched_dep_minute, dep_delay, distance, cancelled)
                        VALUES (?, 2013, ?, ?, ?, ?, ?, 'EWR', ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [
                            .text(String(format: "2013-%02d-%02d", parts.month!, parts.day!)),
                            SQLValue(parts.month!), SQLValue(parts.day!), SQLValue((parts.weekday! + 5) % 7 + 1),
                            .text(carrier), SQLValue(flightNumber), .text(dest), .integer(departure), SQLValue(hour),
                            SQLValue(minute), SQLValue(delay), SQLValue(distance), .integer(cancelled ? 1 : 0),
                        ]
                    )
                    if !cancelled {
                        if departure < evaluationStart {
                            counts.trainingRows += 1
                        } else {
                            counts.evaluationRows += 1
                            if carrier == "EV" { counts.evaluationDelayed += 1 }
                        }
                    }
                }
            }
            return counts
        }
    }

    /// A model on synthetic rows of the flight-delay features where only `lateCarrier` departs late.
    static func artifact(lateCarrier: String) throws -> ModelArtifact {
        var set = TrainingSet(spec: .flightDelay)
        for index in 0..<300 {
            let carrier = ["AA", "EV", "UA"][index % 3]
            let row = FeatureRow.flight(
                month: 1 + index % 9,
                dayOfWeek: 1 + index % 7,
                schedDepHour: 6 + index % 15,
                carrier: carrier,
                origin: "EWR",
                dest: index % 2 == 0 ? "ORD" : "ATL",
                distance: index % 2 == 0 ? 719 : 746,
                temp: Double(index % 40),
                humid: nil,
                windSpeed: nil,
                precip: nil,
                pressure: nil,
                visib: nil
            )
            set.append(row, depDelay: carrier == lateCarrier ? 30 : 0)
        }
        return try ModelArtifact.train(
            training: set,
            evaluation: nil,
            parameters: HyperParameters(maxDepth: 2, minSamplesLeaf: 5),
            trainingWindow: TrainingWindow(from: "2013-01-01T05:00:00Z", to: "2013-10-01T04:00:00Z"),
            evaluationWindow: nil
        )
    }
}
