import Documents
import FixtureServer
import Foundation
import Testing

@testable import Ingest

/// Routes serving the AviationStack fixtures for JFK in pages of 3.
func aviationStackRoutes(key: String = "test-key") throws -> [FixtureServer.Route] {
    let directory = CollectorFixtures.directory
    return [
        .init(
            "/v1/flights",
            query: ["access_key": key, "dep_iata": "JFK", "offset": "0", "limit": "3"],
            response: try .file("\(directory)/aviationstack-jfk-page1.json")
        ),
        .init(
            "/v1/flights",
            query: ["access_key": key, "dep_iata": "JFK", "offset": "3", "limit": "3"],
            response: try .file("\(directory)/aviationstack-jfk-page2.json")
        ),
        .init(
            "/v1/flights",
            query: ["dep_iata": "JFK"],
            response: try .file("\(directory)/aviationstack-error-invalid-key.json", status: 401)
        ),
    ]
}

/// Runs `body` with a fixture server of `routes`, stopping it afterwards.
func withFixtureServer<T>(
    _ routes: [FixtureServer.Route],
    _ body: (FixtureServer) async throws -> T
) async throws -> T {
    let server = try await FixtureServer.start(routes: routes)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try await server.stop()
        throw error
    }
}

/// The error `body` throws, or nil.
func collectorError(_ body: () async throws(CollectorError) -> Void) async -> CollectorError? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}

@Suite struct AviationStackHTTPTests {
    func collector(
        _ server: FixtureServer,
        key: String = "test-key",
        maxPages: Int = 10,
        timeout: Double = 5
    ) throws
        -> AviationStackCollector
    {
        try AviationStackCollector(
            options: .init(
                baseURL: server.baseURL,
                accessKey: key,
                airports: ["JFK"],
                pageSize: 3,
                maxPagesPerAirport: maxPages
            ),
            fetcher: HTTPFetcher(timeout: timeout)
        )
    }

    @Test func pagesFollowTheOffsetUntilTheTotal() async throws {
        try await withFixtureServer(try aviationStackRoutes()) { server in
            let collector = try collector(server)
            let first = try await collector.fetch(collector.initialRequests()[0])
            #expect(first.statuses.map(\.status.id) == ["AA-100-2026-11-27-JFK", "B6-1523-2026-11-27-JFK"])
            #expect(
                first.rejected == [CollectRejection(record: "JFK page 1 record 3", reason: "airline.iata is missing")]
            )
            #expect(first.followUps == [.init(airport: "JFK", offset: 3, page: 2)])
            let second = try await collector.fetch(first.followUps[0])
            #expect(second.statuses.count == 2 && second.rejected.count == 1)
            #expect(second.rejected[0].record == "JFK page 2 record 3 (AF9)")
            #expect(second.followUps.isEmpty)
            #expect(server.requests.map { $0.query["offset"] } == ["0", "3"])
            #expect(server.requests.allSatisfy { $0.query["access_key"] == "test-key" && $0.method == "GET" })
        }
    }

    @Test func theMaximumOfPagesStopsTheFeed() async throws {
        try await withFixtureServer(try aviationStackRoutes()) { server in
            let collector = try collector(server, maxPages: 1)
            let first = try await collector.fetch(collector.initialRequests()[0])
            #expect(first.followUps.isEmpty)
        }
    }

    @Test func errorObjectsStatusesAndBadBodiesAreClearErrors() async throws {
        let directory = CollectorFixtures.directory
        let routes: [FixtureServer.Route] = [
            .init(
                "/v1/flights",
                query: ["dep_iata": "QUO"],
                response: try .file("\(directory)/aviationstack-error-rate-limit.json", status: 429)
            ),
            .init(
                "/v1/flights",
                query: ["dep_iata": "BAD"],
                response: try .file("\(directory)/aviationstack-error-validation.json", status: 422)
            ),
            .init(
                "/v1/flights",
                query: ["dep_iata": "OLD"],
                response: try .file("\(directory)/aviationstack-error-invalid-key.json", status: 200)
            ),
            .init(
                "/v1/flights",
                query: ["dep_iata": "BUSY"],
                response: .init(status: 429, headers: ["Retry-After": "60"], body: "")
            ),
            .init(
                "/v1/flights",
                query: ["dep_iata": "DOWN"],
                response: .init(status: 503, body: "<html>Service Unavailable</html>")
            ),
            .init("/v1/flights", query: ["dep_iata": "TRNC"], response: .init(body: #"{"pagination": {"limit": 3, "#)),
            .init("/v1/flights", query: ["dep_iata": "NODA"], response: .init(body: #"{"pagination": {}}"#)),
            .init("/v1/flights", query: ["dep_iata": "NOPG"], response: .init(body: #"{"data": []}"#)),
            .init("/v1/flights", query: ["dep_iata": "HANG"], response: .silence),
        ]
        try await withFixtureServer(routes) { server in
            func error(_ airport: String, key: String = "test-key") async -> CollectorError? {
                await collectorError { () throws(CollectorError) in
                    let collector = try AviationStackCollector(
                        options: .init(baseURL: server.baseURL, accessKey: key, airports: [airport]),
                        fetcher: HTTPFetcher(timeout: 1)
                    )
                    _ = try await collector.fetch(collector.initialRequests()[0])
                }
            }
            let quota = await error("QUO")
            #expect(quota?.code == .rateLimited && quota?.status == 429)
            #expect(
                quota?.description.contains("usage_limit_reached: Your monthly usage limit has been reached") == true
            )
            #expect(quota?.description.contains("test-key") == false)
            let validation = await error("BAD")
            #expect(validation?.code == .apiError)
            #expect(
                validation?.description.hasSuffix(
                    "validation_error: Request failed with validation error (parameters: dep_iata)"
                ) == true
            )
            let invalidKey = await error("OLD")
            #expect(invalidKey?.code == .apiError && invalidKey?.status == 200)
            let busy = await error("BUSY")
            #expect(busy?.code == .rateLimited && busy?.description.hasSuffix("retry after 60 s") == true)
            let down = await error("DOWN")
            #expect(down?.code == .httpStatus && down?.status == 503)
            let truncated = await error("TRNC")
            #expect(truncated?.code == .malformedResponse && truncated?.description.contains("not JSON") == true)
            #expect(await error("NODA")?.description.hasSuffix(#"no "data" array"#) == true)
            #expect(await error("NOPG")?.code == .malformedResponse)
            let hang = await error("HANG")
            #expect(hang?.code == .timeout, "\(String(describing: hang))")
            #expect(await error("JFK", key: "")?.code == .invalidConfiguration)
        }
        let refused = await collectorError { () throws(CollectorError) in
            let server = URL(string: "http://127.0.0.1:1")!
            let collector = try AviationStackCollector(
                options: .init(baseURL: server, accessKey: "k", airports: ["JFK"]),
                fetcher: HTTPFetcher(timeout: 5)
            )
            _ = try await collector.fetch(collector.initialRequests()[0])
        }
        #expect(refused?.code == .transport)
    }
}

@Suite struct OpenSkyHTTPTests {
    static let begin = 1_795_737_600  // 2026-11-27T00:00:00Z

    func routes(departures: FixtureServer.Response? = nil) throws -> [FixtureServer.Route] {
        let directory = CollectorFixtures.directory
        return [
            .init("/token", method: "POST", response: try .file("\(directory)/opensky-token.json")),
            .init(
                "/api/flights/departure",
                query: ["airport": "KJFK", "begin": String(Self.begin)],
                response: try departures ?? .file("\(directory)/opensky-kjfk-departure.json")
            ),
            .init(
                "/api/flights/arrival",
                query: ["airport": "KJFK", "begin": String(Self.begin)],
                response: try .file("\(directory)/opensky-kjfk-arrival.json")
            ),
            .init("/api/flights/departure", response: .init(status: 404, body: "")),
            .init("/api/flights/arrival", response: .init(status: 404, body: "")),
        ]
    }

    func collector(
        _ server: FixtureServer,
        credentials: OpenSkyCollector.Credentials?,
        days: Int = 1
    ) throws
        -> OpenSkyCollector
    {
        try OpenSkyCollector(
            options: .init(
                baseURL: server.baseURL,
                tokenURL: server.baseURL.appendingPathComponent("token"),
                credentials: credentials,
                airports: ["KJFK"],
                begin: Date(timeIntervalSince1970: Double(Self.begin)),
                end: Date(timeIntervalSince1970: Double(Self.begin + days * 86_400))
            ),
            reference: try CollectorFixtures.reference.get(),
            fetcher: HTTPFetcher(timeout: 5)
        )
    }

    @Test func theWindowIsSplitIntoDaysPerAirportAndDirection() async throws {
        try await withFixtureServer(try routes()) { server in
            let requests = try collector(server, credentials: nil, days: 2).initialRequests()
            #expect(requests.count == 4)
            #expect(
                requests[0]
                    == .init(airport: "KJFK", direction: .departure, begin: Self.begin, end: Self.begin + 86_399)
            )
            #expect(requests[1].begin == Self.begin + 86_400)
            #expect(requests[2].direction == .arrival)
        }
    }

    @Test func credentialsBecomeOneBearerTokenForEveryRequest() async throws {
        try await withFixtureServer(try routes()) { server in
            let collector = try collector(server, credentials: .init(clientID: "me-api-client", clientSecret: "a+b&c"))
            var statuses: [String] = []
            var rejected = 0
            for request in collector.initialRequests() {
                let page = try await collector.fetch(request)
                statuses += page.statuses.map(\.status.id)
                rejected += page.rejected.count
            }
            #expect(statuses == ["UA-1545-2026-11-26-JFK", "B6-1503-2026-11-27-JFK", "BA-117-2026-11-27-LHR"])
            #expect(rejected == 4)
            let tokenRequests = server.requests.filter { $0.path == "/token" }
            #expect(tokenRequests.count == 1)
            #expect(
                tokenRequests.first?.body
                    == "grant_type=client_credentials&client_id=me-api-client&client_secret=a%2Bb%26c"
            )
            let apiRequests = server.requests.filter { $0.path != "/token" }
            #expect(apiRequests.count == 2)
            #expect(
                apiRequests.allSatisfy {
                    $0.headers["authorization"] == "Bearer eyJhbGciOiJSUzI1NiIsInR5cCIgOiAiSldUIn0.fixture.signature"
                }
            )
            #expect(apiRequests.allSatisfy { $0.query["end"] == String(Self.begin + 86_399) })
        }
    }

    @Test func noFlightsIsAnEmptyPageAndRefusalsAreErrors() async throws {
        try await withFixtureServer(try routes()) { server in
            let collector = try collector(server, credentials: nil)
            var request = collector.initialRequests()[0]
            request.airport = "KBOS"
            let empty = try await collector.fetch(request)
            #expect(empty.recordCount == 0)
            #expect(server.requests.allSatisfy { $0.headers["authorization"] == nil })
        }
        let limited = FixtureServer.Response(
            status: 429,
            headers: ["X-Rate-Limit-Retry-After-Seconds": "3600"],
            body: ""
        )
        try await withFixtureServer(try routes(departures: limited)) { server in
            let collector = try collector(server, credentials: nil)
            let error = await collectorError { () throws(CollectorError) in
                _ = try await collector.fetch(collector.initialRequests()[0])
            }
            #expect(error?.code == .rateLimited && error?.description.hasSuffix("retry after 3600 s") == true)
        }
        try await withFixtureServer(try routes(departures: .init(body: #"{"flights": []}"#))) { server in
            let collector = try collector(server, credentials: nil)
            let error = await collectorError { () throws(CollectorError) in
                _ = try await collector.fetch(collector.initialRequests()[0])
            }
            #expect(error?.code == .malformedResponse)
        }
        let refusedToken: [FixtureServer.Route] = [
            .init(
                "/token",
                method: "POST",
                response: .init(
                    status: 401,
                    body:
                        #"{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#
                )
            )
        ]
        try await withFixtureServer(refusedToken) { server in
            let collector = try collector(server, credentials: .init(clientID: "id", clientSecret: "wrong"))
            let error = await collectorError { () throws(CollectorError) in
                _ = try await collector.fetch(collector.initialRequests()[0])
            }
            #expect(error?.code == .apiError && error?.status == 401)
            #expect(error?.description.hasSuffix("Invalid client or Invalid client credentials") == true)
            #expect(error?.description.contains("wrong") == false)
        }
    }
}
