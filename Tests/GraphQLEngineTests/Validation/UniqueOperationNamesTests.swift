import Testing

@Suite struct UniqueOperationNamesTests {
    @Test(arguments: cases("UniqueOperationNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
