import Testing

@Suite struct LoneAnonymousOperationTests {
    @Test(arguments: cases("LoneAnonymousOperation"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
