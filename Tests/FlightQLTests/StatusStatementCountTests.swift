import Documents
import Foundation
import GraphQLEngine
import Ingest
import Relational
import Testing

@testable import FlightQL

/// `FlightStatus.flight` is batched: the flights of a whole page of status documents cost one SQLite
/// statement (and their carriers one more), however many statuses the page holds. Also: filter values
/// from clients are data, never MongoDB operators. Runs against the MongoDB of `MONGODB_URI` (`make
/// test`), in a database of its own that it drops afterwards.
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["MONGODB_URI"] != nil, "needs MONGODB_URI (make test)")
)
struct StatusStatementCountTests {
    private static let query = """
        query Statuses($first: Int) {
          flightStatuses(first: $first, filter: {date: "2013-01-01"}) {
            nodes { id flight { id flightNumber carrier { name } } }
          }
        }
        """

    /// The first `count` flights of 2013-01-01 replayed into a private database; the body gets the
    /// engine and the services over it.
    private func withReplayedStatuses(
        count: Int,
        _ body: (GraphQLEngine, Services) async throws -> Void
    ) async throws {
        let database = try await DriftFixture.get().database
        let uri = Self.uri(
            ProcessInfo.processInfo.environment["MONGODB_URI"]!,
            database: "flightql_statements_\(UUID().uuidString.prefix(8))"
        )
        let client = try MongoClient(uri: uri)
        do {
            let documents = DocumentServices(client: client)
            try await documents.statuses.prepare()
            // 2013-01-01 00:00 in New York to 24 hours later.
            let flights = try await database.flights(from: 1_357_016_400, to: 1_357_102_800).prefix(count)
            let summary = try await ReplayFeed(store: documents.statuses).replay(Array(flights))
            #expect(summary.inserted == count && summary.rejected.isEmpty)
            let (engine, services) = try await servedStack(database: database, documents: documents)
            try await body(engine, services)
        } catch {
            _ = try? await client.runCommand(["dropDatabase": 1])
            await client.shutdown()
            throw error
        }
        _ = try await client.runCommand(["dropDatabase": 1])
        await client.shutdown()
    }

    /// `base` (a `mongodb://` URI) with its database replaced by `database`, options kept.
    private static func uri(_ base: String, database: String) -> String {
        let scheme = "mongodb://"
        let rest = base.dropFirst(scheme.count)
        let hosts = rest.prefix { $0 != "/" && $0 != "?" }
        let options = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return "\(scheme)\(hosts)/\(database)\(options)"
    }

    private func run(
        _ query: String,
        first: Int,
        engine: GraphQLEngine,
        services: Services
    ) async -> (
        statements: Int, response: GraphQLResponse
    ) {
        let tally = StatementTally()
        let response = await Database.$tally.withValue(tally) {
            await engine.execute(
                GraphQLRequest(query: query, variables: ["first": .int(first)]),
                context: ResolverContext(services: services, authorization: nil)
            )
        }
        return (tally.count, response)
    }

    @Test func aPageOf100StatusesWithTheirFlightsCostsTheSameStatementsAsAPageOf10() async throws {
        try await withReplayedStatuses(count: 100) { engine, services in
            let small = await run(Self.query, first: 10, engine: engine, services: services)
            let large = await run(Self.query, first: 100, engine: engine, services: services)
            #expect(small.response.errors.isEmpty)
            #expect(large.response.errors.isEmpty)
            guard case .object(let data)? = large.response.data, case .object(let statuses)? = data["flightStatuses"],
                case .array(let nodes)? = statuses["nodes"]
            else {
                Issue.record("unexpected response shape")
                return
            }
            #expect(nodes.count == 100)
            // Every status joins the flight of its own natural key: `UA-1545-2013-01-01-EWR` ↔ the id of
            // `2013-01-01|UA|1545|EWR`.
            for case .object(let node) in nodes {
                guard case .string(let statusID)? = node["id"], case .object(let flight)? = node["flight"],
                    case .string(let flightID)? = flight["id"], case .object(let carrier)? = flight["carrier"],
                    case .string(let name)? = carrier["name"], let key = FlightID(flightID)
                else {
                    Issue.record("a status without its flight: \(node)")
                    continue
                }
                #expect(statusID == "\(key.carrier)-\(key.flightNumber)-\(key.date)-\(key.origin)")
                #expect(flight["flightNumber"] == .int(key.flightNumber))
                #expect(!name.isEmpty)
            }
            // The flights of the page in one statement, their carriers in one more.
            #expect(large.statements == 2)
            #expect(small.statements == large.statements)
        }
    }

    @Test(arguments: [#"{"$ne": null}"#, "$where", #"{"$gt": ""}"#])
    func carrierCodeFilterValuesAreDataNotOperators(value: String) async throws {
        try await withReplayedStatuses(count: 20) { engine, services in
            let count = """
                query Count($carrier: String) { flightStatuses(filter: {carrierCode: $carrier}) { totalCount } }
                """
            func totalCount(_ carrier: JSONValue) async -> JSONValue? {
                let response = await engine.execute(
                    GraphQLRequest(query: count, variables: ["carrier": carrier]),
                    context: ResolverContext(services: services, authorization: nil)
                )
                #expect(response.errors.isEmpty)
                guard case .object(let data)? = response.data, case .object(let statuses)? = data["flightStatuses"]
                else { return nil }
                return statuses["totalCount"]
            }
            // Without a carrier every replayed status matches; with the operator-looking text, none.
            #expect(await totalCount(.null) == .int(20))
            #expect(await totalCount(.string(value)) == .int(0))
        }
    }
}
