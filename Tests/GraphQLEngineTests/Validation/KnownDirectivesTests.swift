import Testing

@Suite struct KnownDirectivesTests {
    @Test(arguments: cases("KnownDirectives"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
