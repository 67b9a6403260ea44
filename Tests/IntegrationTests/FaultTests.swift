import Foundation
import Testing

/// Faults against the built binary: a SQLite writer holding the write lock while the server reads, and `kill -9`
/// in the middle of `flightql ingest` and `flightql replay`, each followed by a rerun that must leave exact counts.
/// SQLite and MongoDB are inspected with Python's `sqlite3` and `pymongo` from .flightql/venv (scripts/setup.sh).
@Suite(.serialized, .enabled(if: Stack.unavailableReason == nil, "needs FLIGHTQL_BIN (make test)"))
struct FaultTests {
    static let python = Stack.repositoryRoot.appendingPathComponent(".flightql/venv/bin/python").path

    /// A separate process takes SQLite's write lock (`BEGIN IMMEDIATE` and an uncommitted update of every airline)
    /// and holds it; reads through the server keep answering promptly (WAL readers do not wait for the writer) and
    /// see the committed rows.
    @Test func readsAnswerWhileAnotherProcessHoldsTheWriteLock() async throws {
        let server = try await Server()
        defer { server.stop() }
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: Self.python)
        writer.arguments = [
            "-c",
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE airlines SET name = 'locked ' || name")
            print("locked", flush=True)
            sys.stdin.read()
            db.execute("ROLLBACK")
            """,
            try Stack.database.get(),
        ]
        let input = Pipe()
        let output = Pipe()
        writer.standardInput = input
        writer.standardOutput = output
        try writer.run()
        defer {
            try? input.fileHandleForWriting.close()
            writer.waitUntilExit()
        }
        let reader = output.fileHandleForReading
        let line = try await RawHTTP.onThread { String(decoding: reader.availableData, as: UTF8.self) }
        #expect(line.hasPrefix("locked"), "the writer did not take the lock: \(line)")

        let clock = ContinuousClock()
        for _ in 0..<5 {
            let begin = clock.now
            let (status, body) = try await server.graphQL(
                #"{ airline(code: "UA") { name } flights(filter: {carrier: "UA"}, first: 2) { totalCount nodes { carrier { name } } } }"#
            )
            #expect(clock.now - begin < .seconds(2), "a read took \(clock.now - begin) while the lock was held")
            #expect(status == 200)
            #expect(
                body
                    == #"{"data":{"airline":{"name":"United Air Lines Inc."},"flights":{"totalCount":58665,"nodes":[{"carrier":{"name":"United Air Lines Inc."}},{"carrier":{"name":"United Air Lines Inc."}}]}}}"#
            )
        }
        try input.fileHandleForWriting.close()
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
    }

    /// `kill -9` while `flightql ingest` loads a fresh file leaves no partial load behind (the load is one
    /// transaction), and a rerun loads every row exactly once.
    @Test func ingestKilledMidwayThenRerunLoadsEveryRowOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flightql-fault-ingest-\(getpid())"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("flightql.sqlite").path
        let data = Stack.repositoryRoot.appendingPathComponent("data").path

        let ingest = try launch(["ingest", "--db", path, "--data", data])
        // The schema is committed first (the write-ahead log appears), then the rows go into one transaction that
        // SQLite keeps in its page cache until the commit at the end (about 12 s in a debug build): kill 2 s in.
        try await waitUntil("ingest creates the schema") { FileManager.default.fileExists(atPath: path + "-wal") }
        try await Task.sleep(for: .seconds(2))
        #expect(ingest.isRunning, "ingest finished before it could be killed")
        kill(ingest.processIdentifier, SIGKILL)
        ingest.waitUntilExit()
        #expect(ingest.terminationReason == .uncaughtSignal)

        let killed = try sqlite(
            path,
            "SELECT (SELECT count(*) FROM flights) || ' ' || (SELECT integrity_check FROM pragma_integrity_check)"
        )
        #expect(killed == "0 ok" || killed == "error: no such table: flights", "after kill -9: \(killed)")

        let rerun = try Stack.run(["ingest", "--db", path, "--data", data])
        #expect(rerun.status == 0, "\(rerun.output.suffix(500))")
        let counts = try sqlite(
            path,
            """
            SELECT (SELECT count(*) FROM flights) || ' ' ||
                   (SELECT count(*) FROM (SELECT DISTINCT date, carrier, flight_number, origin FROM flights)) || ' ' ||
                   (SELECT count(*) FROM airlines) || ' ' || (SELECT count(*) FROM planes) || ' ' ||
                   (SELECT count(*) FROM weather) || ' ' || (SELECT integrity_check FROM pragma_integrity_check)
            """
        )
        #expect(counts == "336776 336776 16 3322 26115 ok")
    }

    /// `kill -9` during `flightql replay` of a week into an empty MongoDB database, then a rerun: one document per
    /// flight of the window, no more (the natural key is the document id, each write an upsert).
    @Test(.enabled(if: Stack.mongoURI != nil, "needs MONGODB_URI (make test)"))
    func replayKilledMidwayThenRerunWritesEachFlightOnce() async throws {
        let database = try Stack.database.get()
        // A database of its own on the test server, so other tests' replays do not count.
        let base = Stack.mongoURI!.split(separator: "?")[0]
        let uri = base[..<base.lastIndex(of: "/")!] + "/flightql_fault_\(getpid())"
        let window = ["--from", "2013-03-01", "--to", "2013-03-08"]
        let expected = 6530

        let replay = try launch(["replay"] + window + ["--db", database, "--mongodb-uri", String(uri)])
        try await waitUntil("replay writes its first documents") { try countStatuses(uri) > 0 }
        kill(replay.processIdentifier, SIGKILL)
        replay.waitUntilExit()
        let partial = try countStatuses(uri)
        #expect(replay.terminationReason == .uncaughtSignal)
        #expect(partial > 0 && partial < expected, "kill -9 did not land mid-replay: \(partial) documents")

        let rerun = try Stack.run(["replay"] + window + ["--db", database, "--mongodb-uri", String(uri)])
        #expect(rerun.status == 0, "\(rerun.output.suffix(500))")
        #expect(rerun.output.contains("replayed \(expected) flights"), "\(rerun.output.suffix(500))")
        #expect(try countStatuses(uri) == expected)
        #expect(try countStatuses(uri, distinctKeys: true) == expected)
        try python([
            "-c", "import pymongo, sys; pymongo.MongoClient(sys.argv[1]).drop_database(sys.argv[2])", String(uri),
            "flightql_fault_\(getpid())",
        ])
    }

    // MARK: helpers

    /// Starts `flightql` with `arguments` without waiting for it.
    private func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Stack.binary!)
        process.arguments = arguments
        process.currentDirectoryURL = Stack.repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `condition` every 20 ms for up to 60 s.
    private func waitUntil(_ what: String, _ condition: () throws -> Bool) async throws {
        for _ in 0..<3000 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StackError("timed out waiting until \(what)")
    }

    /// The single value `sql` selects from the SQLite file at `path` ("error: …" when SQLite refuses).
    private func sqlite(_ path: String, _ sql: String) throws -> String {
        try python([
            "-c",
            """
            import sqlite3, sys
            try:
                print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])
            except sqlite3.Error as error:
                print("error:", error)
            """,
            path, sql,
        ])
    }

    /// The number of `flight_status` documents in the database of `uri`, or of distinct natural keys.
    private func countStatuses(_ uri: some StringProtocol, distinctKeys: Bool = false) throws -> Int {
        let output = try python([
            "-c",
            """
            import pymongo, sys
            statuses = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=5000).get_default_database()["flight_status"]
            if sys.argv[2] == "keys":
                keys = {(d["carrierCode"], d["flightNumber"], d["date"], d["departure"]["airport"]) for d in statuses.find()}
                print(len(keys))
            else:
                print(statuses.count_documents({}))
            """,
            String(uri), distinctKeys ? "keys" : "documents",
        ])
        guard let count = Int(output) else { throw StackError("counting documents: \(output)") }
        return count
    }

    @discardableResult
    private func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
