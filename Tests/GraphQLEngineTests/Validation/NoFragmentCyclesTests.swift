import Testing

@Suite struct NoFragmentCyclesTests {
    @Test(arguments: cases("NoFragmentCycles"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
