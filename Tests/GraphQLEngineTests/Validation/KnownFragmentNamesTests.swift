import Testing

@Suite struct KnownFragmentNamesTests {
    @Test(arguments: cases("KnownFragmentNames"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
