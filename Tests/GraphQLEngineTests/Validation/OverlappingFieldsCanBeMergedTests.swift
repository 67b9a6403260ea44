import Foundation
import GraphQLEngine
import Testing

@Suite struct OverlappingFieldsCanBeMergedTests {
    @Test(arguments: cases("OverlappingFieldsCanBeMerged"))
    func matchesGraphQLCore(_ testCase: ValidationCase) throws {
        try check(testCase)
    }
}

/// Fragments that spread themselves inside fields. Found by the fuzzer (fuzz/): the rule recursed until the stack
/// overflowed (graphql-core 3.2 raises RecursionError on the same documents); it now skips comparing two
/// sub-selection sets that are already being compared further up, and still finds the conflicts on the way.
@Suite struct OverlappingFieldsRecursiveFragmentTests {
    let rules = [rule(named: "OverlappingFieldsCanBeMerged")]

    @Test func fragmentSpreadInsideItsOwnNestedFieldsTerminates() throws {
        try assertValid("fragment F on Human { relatives { ...F relatives { ...F } } }", rules: rules)
        try assertValid(
            """
            { human { ...A ...B } }
            fragment A on Human { relatives { ...A relatives { ...B } } }
            fragment B on Human { relatives { ...B relatives { ...A } } }
            """,
            rules: rules
        )
    }

    /// A fuzzer input (Fixtures/validation/fuzz-overlap-fan-out.graphql, 4 KB) whose fragments spread each other
    /// inside fields: the same pair of selection sets was reached along exponentially many paths (minutes); each pair
    /// is now compared once.
    @Test func fragmentsSpreadingEachOtherInsideFieldsValidateQuickly() throws {
        let text = try String(
            contentsOf: validationFixtures.appendingPathComponent("fuzz-overlap-fan-out.graphql"),
            encoding: .utf8
        )
        let document = try parse(text)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = validate(schema: validationSchemas["flightql"]!, document: document) }
        #expect(elapsed < .seconds(2), "validation took \(elapsed)")
    }

    /// KNOWN FAILING, disabled: a 5.5 KB fuzzer input (Fixtures/validation/fuzz-overlap-memory.graphql, a mutation of
    /// the one above) makes the rule build conflict lists of hundreds of megabytes (over 2 GB in 9 s, then the
    /// process aborts), so enabling this test crashes the test run until the rule bounds the conflicts it collects.
    @Test(.disabled("OverlappingFieldsCanBeMerged exhausts memory on this document: open fuzzer finding"))
    func fragmentsSpreadingEachOtherInsideFieldsValidateInBoundedMemory() throws {
        let text = try String(
            contentsOf: validationFixtures.appendingPathComponent("fuzz-overlap-memory.graphql"),
            encoding: .utf8
        )
        let document = try parse(text)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = validate(schema: validationSchemas["flightql"]!, document: document) }
        #expect(elapsed < .seconds(2), "validation took \(elapsed)")
    }

    /// graphql-core 3.2 gives this error for this document.
    @Test func conflictBesideARecursiveSpreadIsReported() throws {
        try assertInvalid(
            "fragment F on Human { name relatives { name: iq ...F } }",
            rules: rules,
            [
                ExpectedError(
                    message: "Fields \"name\" conflict because \"iq\" and \"name\" are different fields. "
                        + "Use different aliases on the fields to fetch both if this was intentional.",
                    locations: [.init(line: 1, column: 40), .init(line: 1, column: 23)]
                )
            ]
        )
    }
}
