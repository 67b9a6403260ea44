import Testing

@Suite struct OverlappingFieldsCanBeMergedTests {
    @Test(arguments: cases("OverlappingFieldsCanBeMerged"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
