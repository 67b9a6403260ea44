import Testing

@Suite struct UniqueFragmentNamesTests {
    @Test(arguments: cases("UniqueFragmentNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
