import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The metrics the Grafana dashboard (docker/grafana/dashboards) queries, and what a scrape exports.
enum DashboardMetrics {
    /// The metrics only `flightql pipeline` exports (on its own `--metrics-port`), not the api.
    static let pipelineOnly: Set<String> = ["flightql_pipeline_runs_total"]

    /// Every `flightql_…` metric name in the expressions of the dashboards' panels that the api exports.
    static func queriedNames() throws -> Set<String> {
        let directory = Stack.repositoryRoot.appendingPathComponent("docker/grafana/dashboards")
        var names: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".json") {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
                for target in panel["targets"] as? [[String: Any]] ?? [] {
                    let expression = try #require(target["expr"] as? String)
                    names.formUnion(expression.matches(of: /flightql_[a-z_]+/).map { String($0.output) })
                }
            }
        }
        return names.subtracting(pipelineOnly)
    }

    /// The metric names that have at least one sample in a Prometheus text exposition.
    static func exportedNames(_ exposition: String) -> Set<String> {
        Set(
            exposition.split(separator: "\n").compactMap { line -> String? in
                guard !line.hasPrefix("#"), let end = line.firstIndex(where: { $0 == "{" || $0 == " " }) else {
                    return nil
                }
                return String(line[..<end])
            }
        )
    }

    /// Requests that make a server export every metric the dashboard queries: queries (one with a resolver
    /// error), predictions, a drift report.
    static let traffic = [
        "query Carriers { airlines { code } }",
        #"query Predictions { flights(first: 2, filter: {origin: "JFK"}) { nodes { prediction { probability } } } }"#,
        #"query Unknown { predictDelay(input: {carrier: "ZZ", origin: "ZZZ", destination: "ZZZ", scheduledDeparture: "2013-12-01T10:00:00Z"}) { probability } }"#,
        #"query Drift { drift(window: {source: FLIGHTS, from: "2013-10-01T04:00:00Z"}) { driftShare } }"#,
    ]
}

/// The dashboard's queries name metrics that a real `flightql serve` exports.
@Suite(
    .serialized,
    .enabled(
        if: Stack.unavailableReason == nil && Stack.mongoURI != nil,
        "needs FLIGHTQL_BIN and MONGODB_URI (make test)"
    )
)
struct DashboardMetricsTests {
    /// A shallow model trained on the test database, once.
    static let model: Result<String, any Error> = Result {
        let database = try Stack.database.get()
        let path = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("obs-model.json")
            .path
        let result = try Stack.run(["train", "--db", database, "--out", path, "--max-depth", "2"])
        guard result.status == 0 else { throw StackError("train failed: \(result.output)") }
        return path
    }

    @Test func everyMetricTheDashboardQueriesIsExported() async throws {
        let server = try await Server(extraEnvironment: ["FLIGHTQL_MODEL": try Self.model.get()])
        defer { server.stop() }
        for query in DashboardMetrics.traffic {
            let (status, _) = try await server.graphQL(query)
            #expect(status == 200)
        }
        let (status, body) = try await server.request("GET", "/metrics")
        #expect(status == 200)
        let exported = DashboardMetrics.exportedNames(String(decoding: body, as: UTF8.self))
        let queried = try DashboardMetrics.queriedNames()
        #expect(queried.count >= 8)
        #expect(queried.subtracting(exported).isEmpty, "not exported: \(queried.subtracting(exported).sorted())")
    }

    @Test func readinessReportsEachStore() async throws {
        let server = try await Server(extraEnvironment: ["FLIGHTQL_MODEL": try Self.model.get()])
        defer { server.stop() }
        let (status, body) = try await server.request("GET", "/readyz")
        #expect(status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["status"] as? String == "ok")
        let checks = try #require(json["checks"] as? [String: [String: Any]])
        #expect(checks["sqlite"]?["status"] as? String == "up")
        #expect(checks["mongodb"]?["status"] as? String == "up")
        #expect((checks["model"]?["version"] as? String)?.isEmpty == false)
    }
}

/// The compose stack of the CI workflow (.github/workflows/ci.yml): the api at `FLIGHTQL_URL`, its Prometheus at
/// `PROMETHEUS_URL`.
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["FLIGHTQL_URL"] != nil, "needs FLIGHTQL_URL (a deployed stack)")
)
struct DeployedStackTests {
    let api = URL(string: ProcessInfo.processInfo.environment["FLIGHTQL_URL"] ?? "http://127.0.0.1:8080")!

    private func get(
        _ base: URL,
        _ path: String,
        headers: [String: String] = [:]
    ) async throws -> (Int, [AnyHashable: Any], Data) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.allHeaderFields, data)
    }

    private func graphQL(_ query: String) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: "/graphql", relativeTo: api)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["query": query])
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = try #require(response as? HTTPURLResponse).statusCode
        return (status, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test func theStackIsReadyWithEveryStore() async throws {
        let (status, _, body) = try await get(api, "/readyz")
        #expect(status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["status"] as? String == "ok")
    }

    @Test func oneQueryJoinsSQLiteMongoDBAndTheModel() async throws {
        let (status, json) = try await graphQL(
            #"{ flights(first: 2, filter: {origin: "EWR"}) { nodes { carrier { name } statuses { state } prediction { probability } } } }"#
        )
        #expect(status == 200)
        #expect(json["errors"] == nil)
        #expect(json["data"] != nil)
    }

    @Test func requestIDsAreEchoed() async throws {
        let (status, headers, _) = try await get(api, "/healthz", headers: ["X-Request-ID": "ci-check-1"])
        #expect(status == 200)
        let echoed = headers.first { String(describing: $0.key).lowercased() == "x-request-id" }?.value as? String
        #expect(echoed == "ci-check-1")
    }

    @Test func metricsCoverTheDashboardAndPrometheusScrapesThem() async throws {
        for query in DashboardMetrics.traffic { _ = try await graphQL(query) }
        let (status, _, body) = try await get(api, "/metrics")
        #expect(status == 200)
        let exported = DashboardMetrics.exportedNames(String(decoding: body, as: UTF8.self))
        let queried = try DashboardMetrics.queriedNames()
        #expect(queried.subtracting(exported).isEmpty, "not exported: \(queried.subtracting(exported).sorted())")

        let prometheus = URL(string: ProcessInfo.processInfo.environment["PROMETHEUS_URL"] ?? "http://127.0.0.1:9090")!
        var scraped = false
        for _ in 0..<24 where !scraped {
            let (_, _, data) = try await get(prometheus, "/api/v1/query?query=up%7Bjob%3D%22flightql-api%22%7D")
            scraped =
                String(decoding: data, as: UTF8.self).contains(#""value":["#)
                && String(decoding: data, as: UTF8.self).contains(#","1"]"#)
            if !scraped { try await Task.sleep(for: .seconds(5)) }
        }
        #expect(scraped, "Prometheus has no successful scrape of the api")
    }
}
