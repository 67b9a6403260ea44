import Testing

@Suite struct NoUndefinedVariablesTests {
    @Test(arguments: cases("NoUndefinedVariables"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
