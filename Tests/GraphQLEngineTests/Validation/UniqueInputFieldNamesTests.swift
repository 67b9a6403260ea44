import Testing

@Suite struct UniqueInputFieldNamesTests {
    @Test(arguments: cases("UniqueInputFieldNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
