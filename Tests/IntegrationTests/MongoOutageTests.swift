import Documents
import Foundation
import Testing

/// MongoDB going away under a running server, and a server started while MongoDB is down: SQLite and
/// model fields keep answering, MongoDB fields answer `document store unavailable` with their path,
/// and once MongoDB is back on the same port the same fields answer again without a server restart.
/// Each test stops and starts a MongoDB of its own (never the shared one).
@Suite(.serialized, .enabled(if: Stack.unavailableReason == nil, "needs FLIGHTQL_BIN (make test)"))
struct MongoOutageTests {
    private static let flightID = "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg"  // 2013-01-01|UA|1545|EWR
    private static let relationalAndModel = """
        { flight(id: "\(flightID)") { flightNumber carrier { name } prediction { probability } } \
        airline(code: "B6") { name } }
        """
    private static let statusCount =
        #"{ flightStatuses(filter: {carrierCode: "UA", date: "2013-01-01"}) { totalCount } }"#
    private static let flightStatuses = #"{ flight(id: "\#(flightID)") { flightNumber statuses { state source } } }"#

    @Test func mongoDBStoppedAndRestartedUnderARunningServer() async throws {
        let mongo = try PrivateMongo()
        defer { mongo.remove() }
        let uri = try mongo.start()
        let replay = try Stack.run([
            "replay", "--from", "2013-01-01", "--to", "2013-01-02", "--db", Stack.database.get(), "--mongodb-uri", uri,
        ])
        #expect(replay.status == 0, "\(replay.output)")
        let server = try await Server(
            extraEnvironment: ["FLIGHTQL_MODEL": try Stack.model.get()],
            mongoURI: uri
        )
        defer { server.stop() }

        let (_, relational) = try await server.graphQL(Self.relationalAndModel)
        #expect(
            relational.hasPrefix(
                #"{"data":{"flight":{"flightNumber":1545,"carrier":{"name":"United Air Lines Inc."},"prediction":{"probability":"#
            ),
            "\(relational)"
        )
        #expect(try await server.graphQL(Self.statusCount).1 == #"{"data":{"flightStatuses":{"totalCount":165}}}"#)
        let landed = #"{"data":{"flight":{"flightNumber":1545,"statuses":[{"state":"LANDED","source":"replay"}]}}}"#
        #expect(try await server.graphQL(Self.flightStatuses).1 == landed)

        try mongo.stop()
        // SQLite and the model answer exactly as before; prediction logging fails quietly.
        #expect(try await server.graphQL(Self.relationalAndModel).1 == relational)
        let started = ContinuousClock.now
        try expectUnavailable(try await server.graphQL(Self.statusCount).1, path: ["flightStatuses", "totalCount"])
        // Server selection gives up after the client's short timeout, not libmongoc's default 30 s.
        #expect(ContinuousClock.now - started < .seconds(15))
        try expectUnavailable(
            try await server.graphQL(Self.flightStatuses).1,
            path: ["flight", "statuses"],
            data: #"{"flight":null}"#
        )
        #expect(try await server.request("GET", "/healthz").0 == 200)

        #expect(try mongo.start() == uri)
        #expect(try await answers(server, Self.statusCount, #"{"data":{"flightStatuses":{"totalCount":165}}}"#))
        #expect(try await server.graphQL(Self.flightStatuses).1 == landed)
        try mongo.stop()
    }

    @Test func serverStartedWhileMongoDBIsDown() async throws {
        let mongo = try PrivateMongo()
        defer { mongo.remove() }
        let port = try Stack.freePort()
        let uri = "mongodb://127.0.0.1:\(port)/\(PrivateMongo.database)"
        let server = try await Server(mongoURI: uri)
        defer { server.stop() }

        #expect(
            try await server.graphQL(#"{ airline(code: "B6") { name } }"#).1
                == #"{"data":{"airline":{"name":"JetBlue Airways"}}}"#
        )
        try expectUnavailable(try await server.graphQL(Self.statusCount).1, path: ["flightStatuses", "totalCount"])

        #expect(try mongo.start(port: port) == uri)
        #expect(try await answers(server, Self.statusCount, #"{"data":{"flightStatuses":{"totalCount":0}}}"#))
        let replay = try Stack.run([
            "replay", "--from", "2013-01-01", "--to", "2013-01-02", "--db", Stack.database.get(), "--mongodb-uri", uri,
        ])
        #expect(replay.status == 0, "\(replay.output)")
        #expect(try await server.graphQL(Self.statusCount).1 == #"{"data":{"flightStatuses":{"totalCount":165}}}"#)
        try mongo.stop()
    }

    @Test func indexesAreCreatedOnceMongoDBIsReachable() async throws {
        let mongo = try PrivateMongo()
        defer { mongo.remove() }
        let port = try Stack.freePort()
        let uri = "mongodb://127.0.0.1:\(port)/\(PrivateMongo.database)"
        let server = try await Server(mongoURI: uri)
        defer { server.stop() }
        // A few attempts of the server fail while nothing listens.
        try await Task.sleep(for: .seconds(3))
        #expect(try mongo.start(port: port) == uri)

        // Only the server creates them: nothing else writes to this MongoDB.
        let client = try MongoClient(uri: uri)
        // By key fields, not by name or direction: nx-27017 names indexes after their keys whatever the
        // command asks, and lists every direction as 1.
        let expected: [String: Set<String>] = [
            "flight_status": [
                "carrierCode, flightNumber, date, departure.airport unique", "state", "source", "updatedAt", "date",
                "departure.scheduled",
            ],
            "predictions": ["time"],
        ]
        var found: [String: Set<String>] = [:]
        func complete() -> Bool { expected.allSatisfy { found[$0.key]?.isSuperset(of: $0.value) == true } }
        let deadline = ContinuousClock.now + .seconds(120)
        while !complete() && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            for collection in expected.keys {
                found[collection] = try? await Self.indexes(collection, client: client)
            }
        }
        await client.shutdown()
        #expect(complete(), "indexes after 120 s: \(found)")
        #expect(try await server.graphQL(Self.statusCount).1 == #"{"data":{"flightStatuses":{"totalCount":0}}}"#)
        try mongo.stop()
    }

    /// The indexes of `collection` (`listIndexes`), each as its key fields, then `unique` if it is.
    private static func indexes(_ collection: String, client: MongoClient) async throws -> Set<String> {
        let reply = try await client.runCommand(["listIndexes": .string(collection)])
        let batch = reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue ?? []
        return Set(
            batch.compactMap(\.documentValue).map { index in
                let keys = (index["key"]?.documentValue ?? [:]).map(\.key)
                return keys.joined(separator: ", ") + (index["unique"]?.boolValue == true ? " unique" : "")
            }
        )
    }

    /// Whether `query` answers `expected` within 10 s (MongoDB's client notices a returned server on
    /// its next heartbeat).
    private func answers(_ server: Server, _ query: String, _ expected: String) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        var body = ""
        while ContinuousClock.now < deadline {
            body = try await server.graphQL(query).1
            if body == expected { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("still \(body)")
        return false
    }

    /// A response whose only error is `document store unavailable` at `path`, with `data` (the failed
    /// field's null propagated up to its nearest nullable parent).
    private func expectUnavailable(_ body: String, path: [String], data: String = "null") throws {
        let response = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let errors = try #require(response["errors"] as? [[String: Any]], "\(body)")
        #expect(errors.count == 1, "\(body)")
        #expect(errors.first?["message"] as? String == "document store unavailable", "\(body)")
        #expect(errors.first?["path"] as? [String] == path, "\(body)")
        #expect(body.hasSuffix(#""data":\#(data)}"#), "\(body)")
    }
}

/// A MongoDB wire-protocol server of one test: `scripts/mongodb-test-server.sh` with a private state
/// directory (its own pid file, log and data), so it can be stopped and restarted on the same port.
struct PrivateMongo {
    /// The database its URIs name.
    static let database = "flightql_test"
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-mongo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Starts it (on `port` when given and this is the first start; on its previous port after a stop)
    /// and returns its URI.
    @discardableResult
    func start(port: Int? = nil) throws -> String {
        try script("start", port: port)
    }

    /// Stops it; its data stays for the next start.
    func stop() throws {
        try script("stop", port: nil)
    }

    /// Stops it if it runs and deletes its directory.
    func remove() {
        _ = try? stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func script(_ command: String, port: Int?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            Stack.repositoryRoot.appendingPathComponent("scripts/mongodb-test-server.sh").path, command,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["FLIGHTQL_MONGO_TEST_DIR"] = directory.path
        environment["FLIGHTQL_MONGO_TEST_PORT"] = port.map(String.init)
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StackError("scripts/mongodb-test-server.sh \(command) failed (see its stderr)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }
}
