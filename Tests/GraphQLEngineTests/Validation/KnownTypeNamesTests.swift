import Testing

@Suite struct KnownTypeNamesTests {
    @Test(arguments: cases("KnownTypeNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
