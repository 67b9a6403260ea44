import Testing

@Suite struct ValuesOfCorrectTypeTests {
    @Test(arguments: cases("ValuesOfCorrectType"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
