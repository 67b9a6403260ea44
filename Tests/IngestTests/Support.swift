import Foundation
import Ingest
import Relational

/// Paths of the repository, found from this file's location.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let dataDirectory = root + "/data/nycflights13"
    static let supplement = root + "/data/reference/airports-supplement.csv"
    static let fixtures = root + "/Tests/IngestTests/Fixtures"
}

/// The directory of this test process's databases, removed when the process exits.
private let testRoot: String = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "flightql-ingest-tests-\(UUID().uuidString)"
    ).path
    atexit { try? FileManager.default.removeItem(atPath: testRoot) }
    return root
}()

/// A fresh database file path in this process's test directory.
func temporaryDatabasePath() throws -> String {
    let directory = "\(testRoot)/\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return directory + "/test.sqlite"
}

/// The real data set ingested once for all tests of this target.
struct IngestedData: Sendable {
    let database: Database
    let summary: IngestSummary

    static let shared = Task<IngestedData, any Error> {
        let database = try await Database.open(path: try temporaryDatabasePath(), readers: 2)
        do {
            let summary = try await NYCFlights13Loader.load(
                dataDirectory: Repository.dataDirectory,
                supplement: Repository.supplement,
                into: database
            )
            return IngestedData(database: database, summary: summary)
        } catch {
            try await database.close()
            throw error
        }
    }

    static func get() async throws -> IngestedData {
        try await shared.value
    }
}

/// Row counts of every table.
func tableCounts(_ database: Database) async throws -> [String: Int] {
    try await database.read { connection in
        var counts: [String: Int] = [:]
        for table in ["airlines", "airports", "planes", "weather", "flights"] {
            counts[table] = try connection.first("SELECT count(*) FROM \(table)") { $0.int(0) }
        }
        return counts
    }
}

/// A checksum over every flight's row id, public id and values, in row-id order.
func flightsChecksum(_ database: Database) async throws -> UInt64 {
    try await database.read { connection in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        try connection.query(
            """
            SELECT id, date, carrier, flight_number, origin, dest, sched_dep_utc, ifnull(sched_arr_utc, -1),
            ifnull(dep_delay, -9999), cancelled FROM flights ORDER BY id
            """
        ) { row in
            let id = FlightID(
                date: row.string(1),
                carrier: row.string(2),
                flightNumber: row.int(3),
                origin: row.string(4)
            )
            let values = [row.int64(0), row.int64(6), row.int64(7), Int64(row.int(8)), Int64(row.int(9))]
            let line = "\(id.encoded)|\(row.string(5))|" + values.map(String.init).joined(separator: "|")
            for byte in line.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return hash
    }
}
