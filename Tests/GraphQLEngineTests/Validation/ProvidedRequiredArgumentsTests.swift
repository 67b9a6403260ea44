import Testing

@Suite struct ProvidedRequiredArgumentsTests {
    @Test(arguments: cases("ProvidedRequiredArguments"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
