import Testing

@Suite struct VariablesAreInputTypesTests {
    @Test(arguments: cases("VariablesAreInputTypes"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
