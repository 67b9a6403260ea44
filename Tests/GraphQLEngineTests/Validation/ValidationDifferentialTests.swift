import Foundation
import GraphQLEngine
import Testing

/// Realistic documents against the FlightQL contract, checked with every specified rule: the
/// errors, their order and their locations match graphql-core's.
@Suite struct ValidationDifferentialTests {
    @Test(arguments: cases("all"))
    func allRulesMatchGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }

    @Test func theBenchmarkDocumentIsValid() throws {
        let source = try String(contentsOf: validationFixtures.appendingPathComponent("large.graphql"), encoding: .utf8)
        try assertValid(source, rules: specifiedRules, schema: "flightql")
    }
}
