import Testing

@Suite struct SingleFieldSubscriptionsTests {
    @Test(arguments: cases("SingleFieldSubscriptions"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}
