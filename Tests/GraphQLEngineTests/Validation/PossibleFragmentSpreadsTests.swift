import Testing

@Suite struct PossibleFragmentSpreadsTests {
    @Test(arguments: cases("PossibleFragmentSpreads"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
