import DelayModel
import Documents
import Foundation
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Logging
import Relational
import Synchronization
import Testing

@testable import FlightQL

/// `/metrics`, `/readyz`, request ids, the access log and the JSON log lines, through the real router.
@Suite struct ObservabilityTests {
    /// Log lines captured from a `JSONLogHandler`.
    final class CapturedLines: Sendable {
        let lines = Mutex<[String]>([])

        var logger: Logger {
            Logger(label: "flightql-test") { label in
                JSONLogHandler(label: label) { bytes, _ in
                    self.lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) }
                }
            }
        }

        /// The captured lines as JSON objects.
        func objects() throws -> [[String: Any]] {
            try lines.withLock { $0 }.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        }
    }

    private static var schemaPath: String {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("schema/flightql.graphql").path
    }

    /// The test database with a model trained by the drift fixture, no MongoDB.
    private static func services(database: Database? = nil, withModel: Bool = true) async throws -> Services {
        let fixture = try await DriftFixture.get()
        let modelPath = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-obs-\(UUID()).json")
            .path
        if withModel { try ModelFile.write(fixture.artifact, to: modelPath) }
        defer { try? FileManager.default.removeItem(atPath: modelPath) }
        let database = database ?? fixture.database
        return Services(
            database: database,
            documents: nil,
            model: ModelStore.load(path: modelPath, logger: Logger(label: "test")),
            predictionFeatures: try await PredictionFeatures.load(from: fixture.database),
            drift: DriftService(database: database),
            apiKey: nil
        )
    }

    private static func application(
        services: Services,
        metrics: FlightQLMetrics?,
        logger: Logger = Logger(label: "test")
    ) throws -> some ApplicationProtocol {
        buildApplication(
            configuration: Configuration.fromEnvironment([:]),
            engine: try ServedSchema.engine(path: schemaPath, metrics: metrics),
            services: services,
            metrics: metrics,
            logger: logger
        )
    }

    private static func postQuery(_ client: some TestClientProtocol, _ query: String) async throws -> TestResponse {
        let body = String(decoding: JSONValue.object(["query": .string(query)]).jsonBytes(), as: UTF8.self)
        return try await client.execute(
            uri: "/graphql",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: body)
        )
    }

    @Test func requestIDsAreEchoedOrGenerated() async throws {
        let app = try Self.application(services: try await Self.services(), metrics: nil)
        try await app.test(.router) { client in
            let given = try await client.execute(
                uri: "/healthz",
                method: .get,
                headers: [RequestID.headerName: "trace-42.a:b_c"]
            )
            #expect(given.headers[RequestID.headerName] == "trace-42.a:b_c")
            let generated = try await client.execute(uri: "/healthz", method: .get)
            let id = try #require(generated.headers[RequestID.headerName])
            #expect(id.count >= 16)
            let refused = try await client.execute(
                uri: "/healthz",
                method: .get,
                headers: [RequestID.headerName: "bad id\" injected"]
            )
            #expect(refused.headers[RequestID.headerName] != "bad id\" injected")
            #expect(refused.headers[RequestID.headerName]?.isEmpty == false)
            let missing = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[RequestID.headerName]?.isEmpty == false)
        }
    }

    @Test func metricsCountRequestsByOperationAndOutcomeAndResolverErrorsByField() async throws {
        let metrics = FlightQLMetrics()
        let app = try Self.application(services: try await Self.services(withModel: false), metrics: metrics)
        try await app.test(.router) { client in
            for _ in 0..<2 {
                #expect(try await Self.postQuery(client, "query Carriers { airlines { code } }").status == .ok)
            }
            _ = try await Self.postQuery(client, "{ airlines { code ")
            _ = try await Self.postQuery(client, "query Model { model { version } }")
            let wrongType = try await client.execute(
                uri: "/graphql",
                method: .post,
                headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: "{}")
            )
            #expect(wrongType.status == .unsupportedMediaType)
            let scrape = try await client.execute(uri: "/metrics", method: .get)
            #expect(scrape.status == .ok)
            #expect(scrape.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: scrape.body)
            for line in [
                #"flightql_requests_total{operation="Carriers",outcome="success"} 2"#,
                #"flightql_request_duration_seconds_count{operation="Carriers",outcome="success"} 2"#,
                #"flightql_requests_total{operation="unknown",outcome="invalid_request"} 1"#,
                #"flightql_requests_total{operation="Model",outcome="field_errors"} 1"#,
                #"flightql_requests_total{operation="unknown",outcome="rejected"} 1"#,
                #"flightql_resolver_errors_total{field="Query.model"} 1"#,
                #"flightql_document_cache_lookups_total{result="hit"} 1"#,
                #"flightql_document_cache_lookups_total{result="miss"} 3"#,
                "flightql_model_loaded 0.0",
            ] {
                #expect(text.contains(line + "\n"), "\(line)")
            }
        }
    }

    @Test func predictionsAndTheServingModelAreExported() async throws {
        let metrics = FlightQLMetrics()
        let services = try await Self.services()
        let version = try #require(services.model.predictor?.artifact.modelVersion)
        let app = try Self.application(services: services, metrics: metrics)
        try await app.test(.router) { client in
            let response = try await Self.postQuery(
                client,
                #"{ flights(first: 3, filter: {origin: "JFK"}) { nodes { prediction { probability } } } }"#
            )
            #expect(!String(buffer: response.body).contains("errors"))
            let text = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(text.contains(#"flightql_predictions_total{field="Flight.prediction"} 3"# + "\n"))
            #expect(text.contains(#"flightql_model_info{version="\#(version)"} 1.0"# + "\n"))
            #expect(text.contains("flightql_model_loaded 1.0\n"))
        }
    }

    @Test func storeCallsAndDriftReportsBecomeMetrics() async throws {
        let metrics = FlightQLMetrics()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-obs-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try await Database.open(path: path, readers: 1, observer: metrics.sqliteObserver)
        _ = try await database.read { connection in try connection.first("SELECT 1") { $0.int(0) } }
        _ = try await database.write { connection in try connection.execute("CREATE TABLE t (x INTEGER)") }
        try await database.close()

        let client = try MongoClient(
            uri: "mongodb://127.0.0.1:1/flightql?serverSelectionTimeoutMS=100",
            observer: metrics.mongoObserver
        )
        await #expect(throws: DocumentStoreError.self) { try await client.ping() }
        await client.shutdown()

        let fixture = try await DriftFixture.get()
        let drift = DriftService(database: fixture.database, onReport: metrics.driftObserver)
        let report = try await drift.report(
            window: DriftWindow(source: .flights, from: DriftFixture.october, to: DriftFixture.january),
            artifact: fixture.artifact
        )
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"flightql_sqlite_call_duration_seconds_count{kind="read"} 1"# + "\n"))
        #expect(text.contains(#"flightql_sqlite_call_duration_seconds_count{kind="write"} 1"# + "\n"))
        #expect(text.contains(#"flightql_mongodb_call_duration_seconds_count{outcome="error"} 1"# + "\n"))
        let month = try #require(report.features.first { $0.feature == "month" })
        let statistic = try #require(month.statistic)
        #expect(
            text.contains(#"flightql_feature_drift{feature="month",method="\#(month.method)"} \#(statistic)"# + "\n")
        )
        #expect(text.contains("flightql_dataset_drift \(report.driftShare)\n"))
    }

    @Test func readinessIsDegradedWithoutMongoAndUnavailableWithoutSQLite() async throws {
        let services = try await Self.services()
        let (status, body) = await ReadinessProbe(services: services).check()
        #expect(status == .ok)
        #expect(body["status"] == "degraded")
        #expect(body["checks"]?.objectValue?["sqlite"] == .object(["status": "up"]))
        #expect(body["checks"]?.objectValue?["model"]?.objectValue?["status"] == "up")
        #expect(body["checks"]?.objectValue?["mongodb"] == .object(["status": "not_configured"]))

        let unreachable = Services(
            database: services.database,
            documents: DocumentServices(client: try MongoClient(uri: "mongodb://127.0.0.1:1/flightql")),
            model: services.model,
            predictionFeatures: services.predictionFeatures,
            drift: services.drift,
            apiKey: nil
        )
        let started = ContinuousClock.now
        let (degradedStatus, degraded) = await ReadinessProbe(services: unreachable, mongoTimeout: .milliseconds(300))
            .check()
        // Bounded well below libmongoc's own 30 s default; not tighter, because the test runs beside
        // hundreds of others on two cores.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(degradedStatus == .ok)
        #expect(degraded["status"] == "degraded")
        #expect(degraded["checks"]?.objectValue?["mongodb"]?.objectValue?["status"] == "down")
        await unreachable.documents?.client.shutdown()

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-obs-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let closed = try await Database.open(path: path, readers: 1)
        try await closed.close()
        let app = try Self.application(services: try await Self.services(database: closed), metrics: nil)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            let json = try JSONValue.parse(bytes: Array(String(buffer: response.body).utf8))
            #expect(json.objectValue?["status"] == "unavailable")
            #expect(json.objectValue?["checks"]?.objectValue?["sqlite"]?.objectValue?["status"] == "down")
        }
    }

    @Test func eachRequestWritesOneJSONAccessLogLineWithItsRequestID() async throws {
        let captured = CapturedLines()
        let app = try Self.application(
            services: try await Self.services(),
            metrics: FlightQLMetrics(),
            logger: captured.logger
        )
        try await app.test(.router) { client in
            let body = #"{"query":"query One { airline(code: \"UA\") { name } }"}"#
            _ = try await client.execute(
                uri: "/graphql",
                method: .post,
                headers: [.contentType: "application/json", RequestID.headerName: "req-1"],
                body: ByteBuffer(string: body)
            )
        }
        let access = try captured.objects().filter { $0["message"] as? String == "request" }
        #expect(access.count == 1)
        let line = try #require(access.first)
        #expect(line["level"] as? String == "info")
        #expect(line["label"] as? String == "flightql-test")
        #expect((line["time"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        let metadata = try #require(line["metadata"] as? [String: Any])
        #expect(metadata["request_id"] as? String == "req-1")
        #expect(metadata["method"] as? String == "POST")
        #expect(metadata["path"] as? String == "/graphql")
        #expect(metadata["status"] as? String == "200")
        #expect(metadata["operation"] as? String == "One")
        #expect(Double(try #require(metadata["duration_ms"] as? String)) != nil)
    }

    @Test func jsonLinesEscapeAndNestMetadata() throws {
        let captured = CapturedLines()
        var logger = captured.logger
        logger[metadataKey: "request_id"] = "r"
        logger.warning(
            "quote \" and\nnewline",
            metadata: ["list": ["a", "b"], "nested": ["k": "v"], "number": .stringConvertible(3)]
        )
        let lines = captured.lines.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines[0].hasSuffix("}\n") && lines[0].filter { $0 == "\n" }.count == 1)
        let object = try #require(try captured.objects().first)
        #expect(object["message"] as? String == "quote \" and\nnewline")
        #expect(object["level"] as? String == "warning")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["request_id"] as? String == "r")
        #expect(metadata["list"] as? [String] == ["a", "b"])
        #expect(metadata["nested"] as? [String: String] == ["k": "v"])
        #expect(metadata["number"] as? String == "3")
    }

    @Test func logFormatFollowsTheEnvironmentThenTheTerminal() {
        #expect(LogFormat.fromEnvironment(["FLIGHTQL_LOG_FORMAT": "text"], standardErrorIsTerminal: false) == .text)
        #expect(LogFormat.fromEnvironment(["FLIGHTQL_LOG_FORMAT": "JSON"], standardErrorIsTerminal: true) == .json)
        #expect(LogFormat.fromEnvironment([:], standardErrorIsTerminal: true) == .text)
        #expect(LogFormat.fromEnvironment([:], standardErrorIsTerminal: false) == .json)
        #expect(LogFormat.fromEnvironment(["FLIGHTQL_LOG_FORMAT": "xml"], standardErrorIsTerminal: false) == .json)
    }

    @Test func operationNamesAreBoundedAsLabelValues() {
        let metrics = FlightQLMetrics()
        for index in 0..<(FlightQLMetrics.maxOperationNames + 5) {
            metrics.recordRequest(operation: "Op\(index)", outcome: .success, duration: .milliseconds(1))
        }
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"flightql_requests_total{operation="Op0",outcome="success"} 1"# + "\n"))
        #expect(text.contains(#"flightql_requests_total{operation="other",outcome="success"} 5"# + "\n"))
        #expect(!text.contains(#"operation="Op\#(FlightQLMetrics.maxOperationNames)""#))
    }
}

extension JSONValue {
    fileprivate var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}
