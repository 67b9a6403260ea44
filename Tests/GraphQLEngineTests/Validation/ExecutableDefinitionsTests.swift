import Testing

@Suite struct ExecutableDefinitionsTests {
    @Test(arguments: cases("ExecutableDefinitions"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
