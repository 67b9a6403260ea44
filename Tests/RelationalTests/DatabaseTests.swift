import Foundation
import Relational
import Testing

@Suite("Database: connections, statements, schema")
struct DatabaseTests {
    @Test("a new database gets the schema and its version")
    func schema() async throws {
        try await withTemporaryDatabase { database in
            let (version, tables, journal) = try await database.read { connection in
                (
                    try connection.first("PRAGMA user_version") { $0.int(0) },
                    try connection.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                        $0.string(0)
                    },
                    try connection.first("PRAGMA journal_mode") { $0.string(0) }
                )
            }
            #expect(version == Schema.version)
            #expect(tables == ["airlines", "airports", "flights", "metadata", "planes", "weather"])
            #expect(journal == "wal")
            #expect(try await database.countFlights() == 0)
        }
    }

    @Test("a database from a newer program is refused")
    func newerSchema() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flightql-rel-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let database = try await Database.open(path: path, readers: 1)
        try await database.write { try $0.executeScript("PRAGMA user_version = 99") }
        try await database.close()
        let error = await #expect(throws: RelationalError.self) {
            _ = try await Database.open(path: path, readers: 1)
        }
        #expect(error?.code == .unsupportedSchemaVersion)
    }

    @Test("a version 1 database gets the version 2 indexes when opened")
    func upgradeFromVersion1() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flightql-rel-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let old = try await Database.open(path: path, readers: 1)
        try await old.write {
            try $0.executeScript(
                "DROP INDEX flights_route_sched; DROP INDEX flights_origin_dep_delay; PRAGMA user_version = 1"
            )
        }
        try await old.close()
        let database = try await Database.open(path: path, readers: 1)
        let (version, indexes) = try await database.read { connection in
            (
                try connection.first("PRAGMA user_version") { $0.int(0) },
                try connection.all("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'flights_%'") {
                    $0.string(0)
                }
            )
        }
        try await database.close()
        #expect(version == 2)
        #expect(indexes.contains("flights_route_sched"))
        #expect(indexes.contains("flights_origin_dep_delay"))
    }

    @Test("values are bound, statements are cached, and every execution is counted once")
    func bindingAndCache() async throws {
        try await withTemporaryDatabase(readers: 1) { database in
            let hostile = "x'); DROP TABLE airlines; --"
            try await database.write { connection in
                try connection.execute(
                    "INSERT INTO airlines (code, name) VALUES (?, ?)",
                    [.text("ZZ"), .text(hostile)]
                )
            }
            let before = database.statementCount
            for _ in 0..<3 {
                #expect(try await database.airline(code: "ZZ")?.name == hostile)
            }
            #expect(database.statementCount - before == 3)
            // Key lookups run on the inline readers (`Database.lookup`); one at a time, they reuse one.
            let cached = try await database.lookup { $0.cachedStatementCount }
            #expect(cached == 1)
            #expect(try await database.airlines().count == 1)
        }
    }

    @Test("a failed transaction is rolled back; errors do not echo bound values")
    func rollback() async throws {
        try await withTemporaryDatabase { database in
            let secret = "secret-value-42"
            let error = await #expect(throws: RelationalError.self) {
                try await database.write { connection in
                    try connection.transaction {
                        try connection.execute("INSERT INTO airlines (code, name) VALUES ('AA', ?)", [.text(secret)])
                        try connection.execute("INSERT INTO airlines (code, name) VALUES ('AA', ?)", [.text(secret)])
                    }
                }
            }
            #expect(error?.code == .execute)
            #expect(error.map { !"\($0)".contains(secret) } == true)
            let airlines = try await database.airlines()
            #expect(airlines.isEmpty)
        }
    }

    @Test("many concurrent reads share a small pool and see committed writes")
    func concurrentReads() async throws {
        try await withTemporaryDatabase(readers: 2) { database in
            try await insert(
                (0..<10).map {
                    TestFlight(
                        carrier: "UA",
                        flightNumber: $0,
                        departure: 1_000 + Int64($0),
                        departureDelay: $0,
                        arrivalDelay: nil
                    )
                },
                into: database
            )
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<64 {
                    group.addTask { try await database.countFlights() }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts == Array(repeating: 10, count: 64))
        }
    }

    @Test("batch lookups run one statement for any number of keys")
    func batchLookups() async throws {
        try await withTemporaryDatabase { database in
            try await insert([], into: database)
            let before = database.statementCount
            let airports = try await database.airports(codes: ["EWR", "LAX", "EWR", "XXX", "a\"b"])
            #expect(airports.keys.sorted() == ["EWR", "LAX"])
            let airlines = try await database.airlines(codes: ["UA"])
            #expect(airlines["UA"]?.name == "United")
            #expect(try await database.planes(tailnums: []).isEmpty)
            #expect(try await database.weather(keys: [WeatherKey(origin: "EWR", hour: 0)]).isEmpty)
            #expect(database.statementCount - before == 4)
        }
    }

    @Test("batch keys with JSON-special characters are matched literally")
    func batchKeyEscaping() async throws {
        try await withTemporaryDatabase { database in
            let codes = ["Q\"", "\\n", "\n\u{1}", "é"]
            try await database.write { connection in
                for code in codes {
                    try connection.execute("INSERT INTO airlines (code, name) VALUES (?, 'x')", [.text(code)])
                }
            }
            let found = try await database.airlines(codes: codes + ["Q", "n"])
            #expect(found.keys.sorted() == codes.sorted())
        }
    }

    @Test("a task-bound tally counts only that task's statements")
    func tally() async throws {
        try await withTemporaryDatabase(readers: 2) { database in
            let tally = StatementTally()
            async let others: Int = {
                var total = 0
                for _ in 0..<20 { total += try await database.countFlights() }
                return total
            }()
            try await Database.$tally.withValue(tally) {
                _ = try await database.airline(code: "UA")
                _ = try await database.airports(codes: ["EWR"])
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { _ = try await database.countFlights() }
                    try await group.waitForAll()
                }
            }
            #expect(try await others == 0)
            #expect(tally.count == 3)
            #expect(database.statementCount >= 23)
        }
    }
}
