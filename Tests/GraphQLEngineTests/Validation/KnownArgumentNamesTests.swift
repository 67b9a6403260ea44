import Testing

@Suite struct KnownArgumentNamesTests {
    @Test(arguments: cases("KnownArgumentNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
