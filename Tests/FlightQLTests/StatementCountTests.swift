import GraphQLEngine
import Relational
import Testing

@testable import FlightQL

/// No N+1: related rows are fetched by batch resolvers, one statement per field and execution wave,
/// so the number of SQL statements of a request does not grow with the page size.
struct StatementCountTests {
    private static let query = """
        query Page($first: Int) {
          flights(first: $first, filter: {origin: "EWR"}) {
            nodes { id carrier { name } origin { name } destination { name } plane { model } weather { temperature } }
          }
        }
        """

    /// The served engine and services over the shared test database, without MongoDB or a model.
    private static func stack() async throws -> (GraphQLEngine, Services) {
        try await servedStack(database: DriftFixture.get().database)
    }

    private func run(first: Int, engine: GraphQLEngine, services: Services) async -> (statements: Int, response: GraphQLResponse) {
        let tally = StatementTally()
        let response = await Database.$tally.withValue(tally) {
            await engine.execute(
                GraphQLRequest(query: Self.query, variables: ["first": .int(first)]),
                context: ResolverContext(services: services, authorization: nil)
            )
        }
        return (tally.count, response)
    }

    @Test func aPageOf500FlightsCostsTheSameStatementsAsAPageOf20() async throws {
        let (engine, services) = try await Self.stack()
        let small = await run(first: 20, engine: engine, services: services)
        let large = await run(first: 500, engine: engine, services: services)
        #expect(small.response.errors.isEmpty)
        #expect(large.response.errors.isEmpty)
        guard case .object(let data)? = large.response.data, case .object(let flights)? = data["flights"],
            case .array(let nodes)? = flights["nodes"]
        else {
            Issue.record("unexpected response shape")
            return
        }
        #expect(nodes.count == 500)
        // The page, then one batch each for carrier, origin, destination, plane and weather.
        #expect(large.statements == 6)
        #expect(small.statements == large.statements)
    }

    @Test func nestedConnectionsCostOneStatementPerParentInOneBatch() async throws {
        let (engine, services) = try await Self.stack()
        let database = services.database
        let tally = StatementTally()
        let response = await Database.$tally.withValue(tally) {
            await engine.execute(
                GraphQLRequest(
                    query: "{ airlines { code flights(first: 3) { nodes { id carrier { code } } } } }"),
                context: ResolverContext(services: services, authorization: nil)
            )
        }
        #expect(response.errors.isEmpty)
        let airlines = try await database.airlines()
        // The airlines, one page per airline, then one batch for the carriers of every page.
        #expect(tally.count == 1 + airlines.count + 1)
        guard case .object(let data)? = response.data, case .array(let rows)? = data["airlines"] else {
            Issue.record("unexpected response shape")
            return
        }
        for case .object(let airline) in rows {
            guard case .object(let flights)? = airline["flights"], case .array(let nodes)? = flights["nodes"] else {
                Issue.record("unexpected airline shape")
                continue
            }
            #expect(!nodes.isEmpty && nodes.count <= 3)
            for case .object(let node) in nodes {
                #expect(node["carrier"] == .object(["code": airline["code"] ?? .null]))
            }
        }
    }
}
