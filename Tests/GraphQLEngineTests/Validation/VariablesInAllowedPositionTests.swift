import Testing

@Suite struct VariablesInAllowedPositionTests {
    @Test(arguments: cases("VariablesInAllowedPosition"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
