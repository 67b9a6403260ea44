import FixtureServer
import Foundation
import Testing

/// `flightql collect` through the built binary against a local server answering with the AviationStack and
/// OpenSky fixtures, then the collected statuses over GraphQL.
@Suite(
    .serialized,
    .enabled(
        if: Stack.unavailableReason == nil && Stack.mongoURI != nil,
        "needs FLIGHTQL_BIN and MONGODB_URI (make test)"
    )
)
struct CollectTests {
    static let fixtures = Stack.repositoryRoot.appendingPathComponent("Tests/IngestTests/Fixtures/collectors").path

    /// The two AviationStack pages of JFK (6 records, 3 a page) for the access key `it-key`.
    static func aviationStackJFKPages() throws -> [FixtureServer.Route] {
        [
            .init(
                "/v1/flights",
                query: ["access_key": "it-key", "dep_iata": "JFK", "offset": "0"],
                response: try .file("\(Self.fixtures)/aviationstack-jfk-page1.json")
            ),
            .init(
                "/v1/flights",
                query: ["access_key": "it-key", "dep_iata": "JFK", "offset": "3"],
                response: try .file("\(Self.fixtures)/aviationstack-jfk-page2.json")
            ),
        ]
    }

    @Test func aviationStackStatusesAreServedByTheAPI() async throws {
        let routes: [FixtureServer.Route] =
            try Self.aviationStackJFKPages() + [
                .init(
                    "/v1/flights",
                    response: try .file("\(Self.fixtures)/aviationstack-error-invalid-key.json", status: 401)
                )
            ]
        let api = try await FixtureServer.start(routes: routes)
        defer { Task { try await api.stop() } }
        let arguments = [
            "collect", "--source", "aviationstack", "--base-url", api.baseURL.absoluteString, "--api-key", "it-key",
            "--airports", "JFK", "--page-size", "3", "--mongodb-uri", Stack.mongoURI!,
        ]
        let first = try Stack.run(arguments)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("collected 6 records from aviationstack in 2 requests"), "\(first.output)")
        #expect(first.output.contains("rejected JFK page 1 record 3: airline.iata is missing"), "\(first.output)")
        let again = try Stack.run(arguments)
        #expect(again.output.contains("inserted 0, updated 4, rejected 2"), "\(again.output)")

        let wrongKey = try Stack.run(arguments.map { $0 == "it-key" ? "wrong-key" : $0 })
        #expect(wrongKey.status == 1)
        #expect(
            wrongKey.output.contains(
                "stopped early: GET /v1/flights dep_iata=JFK offset=0: HTTP 401: AviationStack error invalid_access_key"
            ),
            "\(wrongKey.output)"
        )
        #expect(!wrongKey.output.contains("wrong-key"))

        let server = try await Server()
        defer { server.stop() }
        let (_, body) = try await server.graphQL(
            #"{ flightStatuses(filter: {source: "aviationstack", carrierCode: "AA"}) { totalCount nodes { id state date departure { airport { code } scheduled actual delay gate } arrival { estimated } } } }"#
        )
        #expect(
            body
                == #"{"data":{"flightStatuses":{"totalCount":1,"nodes":[{"id":"AA-100-2026-11-27-JFK","state":"ACTIVE","date":"2026-11-27","departure":{"airport":{"code":"JFK"},"scheduled":"2026-11-27T23:00:00Z","actual":"2026-11-27T23:16:00Z","delay":16,"gate":"12"},"arrival":{"estimated":"2026-11-28T06:05:00Z"}}]}}}"#
        )
        let (_, cancelled) = try await server.graphQL(
            #"{ flightStatuses(filter: {source: "aviationstack", state: CANCELLED}) { nodes { carrierCode flightNumber raw } } }"#
        )
        #expect(cancelled.contains(#""carrierCode":"B6","flightNumber":1523"#), "\(cancelled)")
        #expect(cancelled.contains(#""flight_status":"cancelled""#), "\(cancelled)")
    }

    @Test func openSkyFlightsAreCollectedWithAToken() async throws {
        let routes: [FixtureServer.Route] = [
            .init("/token", method: "POST", response: try .file("\(Self.fixtures)/opensky-token.json")),
            .init(
                "/api/flights/departure",
                query: ["airport": "KJFK", "begin": "1795737600"],
                response: try .file("\(Self.fixtures)/opensky-kjfk-departure.json")
            ),
            .init(
                "/api/flights/arrival",
                query: ["airport": "KJFK", "begin": "1795737600"],
                response: try .file("\(Self.fixtures)/opensky-kjfk-arrival.json")
            ),
        ]
        let api = try await FixtureServer.start(routes: routes)
        defer { Task { try await api.stop() } }
        let result = try Stack.run([
            "collect", "--source", "opensky", "--base-url", api.baseURL.absoluteString,
            "--token-url", api.baseURL.appendingPathComponent("token").absoluteString, "--api-key", "client:secret",
            "--airports", "JFK", "--begin", "2026-11-27", "--end", "2026-11-28", "--mongodb-uri", Stack.mongoURI!,
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("collected 7 records from opensky in 2 requests"), "\(result.output)")
        #expect(result.output.contains("rejected 4"), "\(result.output)")
        #expect(api.requests.filter { $0.path == "/token" }.count == 1)
        #expect(
            api.requests.filter {
                $0.headers["authorization"] == "Bearer eyJhbGciOiJSUzI1NiIsInR5cCIgOiAiSldUIn0.fixture.signature"
            }.count == 2
        )
    }
}
