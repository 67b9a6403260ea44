import Testing

@Suite struct UniqueArgumentNamesTests {
    @Test(arguments: cases("UniqueArgumentNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
