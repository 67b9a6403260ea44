import Documents
import FixtureServer
import Foundation
import Synchronization
import Testing

@testable import Ingest

/// The MongoDB wire-protocol server of `MONGODB_URI` (set by `make test` through scripts/with-mongodb.sh).
private let mongoURI = ProcessInfo.processInfo.environment["MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 }

/// Collection runs against the fixture server into a real MongoDB wire-protocol server.
@Suite(.enabled(if: mongoURI != nil, "needs MONGODB_URI (make test starts a server)"))
struct CollectionStoreTests {
    /// A store over a collection no other test uses, and its client (the caller shuts it down).
    func store() async throws -> (FlightStatusStore, MongoClient) {
        let client = try MongoClient(uri: mongoURI!)
        let store = FlightStatusStore(
            client: client,
            collectionName: "collect_\(UUID().uuidString.prefix(8).lowercased())"
        )
        try await store.prepare()
        return (store, client)
    }

    func collector(_ server: FixtureServer) throws -> AviationStackCollector {
        try AviationStackCollector(
            options: .init(baseURL: server.baseURL, accessKey: "test-key", airports: ["JFK"], pageSize: 3),
            fetcher: HTTPFetcher(timeout: 5)
        )
    }

    @Test func collectingTwiceInsertsOnceAndChangesNothing() async throws {
        let (store, client) = try await store()
        defer { Task { await client.shutdown() } }
        try await withFixtureServer(try aviationStackRoutes()) { server in
            let progress = CollectProgressLog()
            let first = await StatusCollection.run(try collector(server), into: store) { done, expected in
                progress.append(done, expected)
            }
            #expect(first.failure == nil)
            #expect(first.requests == 2 && first.received == 6)
            #expect(first.inserted == 4 && first.updated == 0)
            #expect(
                first.rejected == [
                    CollectRejection(record: "JFK page 1 record 3", reason: "airline.iata is missing"),
                    CollectRejection(
                        record: "JFK page 2 record 3 (AF9)",
                        reason: "flight_status \"incident\" has no FlightQL state"
                    ),
                ]
            )
            #expect(progress.calls == [[1, 2], [2, 2]])
            let stored = try await store.find(first: 10).edges.map(\.node)
            let second = await StatusCollection.run(try collector(server), into: store)
            #expect(second.inserted == 0 && second.updated == 4 && second.rejected.count == 2)
            #expect(try await store.find(first: 10).edges.map(\.node) == stored)
            #expect(
                stored.map(\.id) == [
                    // Newest first: AS6923's scheduled departure (02:30 UTC on the 28th), AA100's live position,
                    // DL403's arrival, B6 1523's cancelled departure.
                    "AS-6923-2026-11-27-JFK", "AA-100-2026-11-27-JFK", "DL-403-2026-11-27-JFK",
                    "B6-1523-2026-11-27-JFK",
                ]
            )
            #expect(try await store.count(filter: .init(source: "aviationstack")) == 4)
        }
    }

    @Test func aFailedPageStopsTheRunAndIsReportedAfterTheWrittenOnes() async throws {
        let (store, client) = try await store()
        defer { Task { await client.shutdown() } }
        var routes = try aviationStackRoutes()
        routes.insert(
            FixtureServer.Route(
                "/v1/flights",
                query: ["offset": "3"],
                response: .init(
                    status: 500,
                    body: #"{"error":{"code":"internal_error","message":"An internal error occurred."}}"#
                )
            ),
            at: 0
        )
        try await withFixtureServer(routes) { server in
            let summary = await StatusCollection.run(try collector(server), into: store)
            #expect(summary.requests == 1 && summary.inserted == 2 && summary.rejected.count == 1)
            #expect(
                summary.failure
                    == "GET /v1/flights dep_iata=JFK offset=3: HTTP 500: AviationStack error internal_error: An internal error occurred."
            )
            #expect(try await store.count() == 2)
        }
    }

    @Test func aStoreThatIsDownRejectsThePageWithItsError() async throws {
        let client = try MongoClient(
            uri: "mongodb://127.0.0.1:1/flightql?serverSelectionTimeoutMS=300&connectTimeoutMS=300"
        )
        defer { Task { await client.shutdown() } }
        let store = FlightStatusStore(client: client)
        try await withFixtureServer(try aviationStackRoutes()) { server in
            let summary = await StatusCollection.run(try collector(server), into: store)
            #expect(summary.inserted == 0 && summary.requests == 1)
            #expect(summary.rejected.count == 3)
            #expect(summary.failure?.hasPrefix("the document store failed") == true)
        }
    }
}

/// Progress calls, recorded from a `@Sendable` closure.
private final class CollectProgressLog: Sendable {
    private let log = Mutex<[[Int]]>([])
    var calls: [[Int]] { log.withLock { $0 } }
    func append(_ done: Int, _ expected: Int) { log.withLock { $0.append([done, expected]) } }
}
