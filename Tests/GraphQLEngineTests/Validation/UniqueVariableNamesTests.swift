import Testing

@Suite struct UniqueVariableNamesTests {
    @Test(arguments: cases("UniqueVariableNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
