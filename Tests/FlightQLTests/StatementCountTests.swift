import Foundation
import GraphQLEngine
import Logging
import Relational
import Testing

@testable import FlightQL

/// No N+1: related rows are fetched by per-request DataLoaders, one statement per table and level,
/// so the number of SQL statements of a request does not grow with the page size.
struct StatementCountTests {
    private static let query = """
        query Page($first: Int) {
          flights(first: $first, filter: {origin: "EWR"}) {
            nodes { id carrier { name } origin { name } destination { name } plane { model } weather { temperature } }
          }
        }
        """

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
        let database = try await DriftFixture.get().database
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let engine = try ServedSchema.engine(path: root.appendingPathComponent("schema/flightql.graphql").path)
        let services = Services(
            database: database,
            documents: nil,
            model: ModelStore.load(path: "/nonexistent/model.json", logger: Logger(label: "test")),
            predictionFeatures: try await PredictionFeatures.load(from: database),
            drift: DriftService(database: database),
            apiKey: nil
        )
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
        // The page, then one batch each for airlines, airports (origin and destination share it), planes, weather.
        #expect(large.statements == 5)
        #expect(small.statements == large.statements)
    }
}
