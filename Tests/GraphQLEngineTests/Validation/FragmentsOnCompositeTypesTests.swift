import Testing

@Suite struct FragmentsOnCompositeTypesTests {
    @Test(arguments: cases("FragmentsOnCompositeTypes"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
