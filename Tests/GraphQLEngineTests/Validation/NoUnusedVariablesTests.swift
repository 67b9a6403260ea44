import Testing

@Suite struct NoUnusedVariablesTests {
    @Test(arguments: cases("NoUnusedVariables"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
