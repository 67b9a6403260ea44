import Testing

@Suite struct FieldsOnCorrectTypeTests {
    @Test(arguments: cases("FieldsOnCorrectType"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
