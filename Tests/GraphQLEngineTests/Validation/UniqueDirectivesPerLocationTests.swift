import Testing

@Suite struct UniqueDirectivesPerLocationTests {
    @Test(arguments: cases("UniqueDirectivesPerLocation"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
