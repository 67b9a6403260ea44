import Testing

@Suite struct ScalarLeafsTests {
    @Test(arguments: cases("ScalarLeafs"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
