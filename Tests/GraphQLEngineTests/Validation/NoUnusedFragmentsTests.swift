import Testing

@Suite struct NoUnusedFragmentsTests {
    @Test(arguments: cases("NoUnusedFragments"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
