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

    /// A 5.5 KB fuzzer input (Fixtures/validation/fuzz-overlap-memory.graphql, a mutation of the one above): its one
    /// conflict, in `HumanFields1`'s selection set, nests conflicts reached along so many paths that graphql-js's
    /// report of it would list about 13.7 billion locations (the rule used to build those lists: over 12 GB in 2
    /// minutes). The conflict tree is now shared, and its report is over the rule's work limit.
    @Test func fragmentsSpreadingEachOtherInsideFieldsValidateInBoundedMemory() throws {
        let text = try String(
            contentsOf: validationFixtures.appendingPathComponent("fuzz-overlap-memory.graphql"),
            encoding: .utf8
        )
        let document = try parse(text)
        let clock = ContinuousClock()
        var errors: [GraphQLError] = []
        let elapsed = clock.measure { errors = validate(schema: validationSchemas["flightql"]!, document: document) }
        #expect(elapsed < .seconds(5), "validation took \(elapsed)")
        // The rule's only error, among the other rules' (unknown types and fragments, fragment cycles).
        let overlapErrors = errors.map(ExpectedError.init).filter { $0.message.hasPrefix("Fields ") }
        #expect(overlapErrors == [overlapStepLimitError(line: 1, column: 79)])
        #expect(try validationErrors(text, rules: rules, schema: "flightql") == overlapErrors)
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

/// The error of the rule's work limit (`OverlapWorkLimit.maxSteps`) at a selection set.
private func overlapStepLimitError(line: Int, column: Int) -> ExpectedError {
    ExpectedError(
        message: "Fields cannot be checked for merging: the document needs more than 500000 steps "
            + "(too many fields with the same response name, or conflicts reached along too many paths).",
        locations: [.init(line: line, column: column)]
    )
}

/// Hostile shapes for the rule: many fields with one response name, deep chains of fragments nested in fields, and
/// many fragments spread side by side. Each finishes within seconds (debug build) with exactly the errors graphql-js
/// gives, or with the rule's work-limit error when graphql-js's work would be out of bounds.
@Suite struct OverlappingFieldsWorkLimitTests {
    let rules = [rule(named: "OverlappingFieldsCanBeMerged")]

    /// Validates `query` with the rule alone against the harness schema, with room for many errors, timed.
    func timedErrors(_ query: String) throws -> (errors: [ExpectedError], elapsed: Duration) {
        let document = try parse(query)
        var errors: [GraphQLError] = []
        let elapsed = ContinuousClock().measure {
            errors = validate(schema: validationSchemas["harness"]!, document: document, rules: rules, maxErrors: 1_000)
        }
        return (errors.map(ExpectedError.init), elapsed)
    }

    /// 10,000 copies of one leaf field are one class of fields: compared once, not 50 million times.
    @Test func tenThousandCopiesOfOneFieldAreValid() throws {
        let query = "{ dog { " + String(repeating: "n: name ", count: 10_000) + "} }"
        let (errors, elapsed) = try timedErrors(query)
        #expect(errors == [])
        #expect(elapsed < .seconds(5), "validation took \(elapsed)")
    }

    /// The same copies with one different field: each copy conflicts with it, and all of them are reported.
    @Test func oneDifferentFieldAmongCopiesConflictsWithEachCopy() throws {
        let prefix = "{ dog { "
        let query = prefix + String(repeating: "n: name ", count: 2_000) + "n: nickname } }"
        let (errors, elapsed) = try timedErrors(query)
        let nicknameColumn = prefix.count + 2_000 * "n: name ".count + 1
        let expected = (0..<2_000).map { copy in
            ExpectedError(
                message: "Fields \"n\" conflict because \"name\" and \"nickname\" are different fields. "
                    + "Use different aliases on the fields to fetch both if this was intentional.",
                locations: [
                    .init(line: 1, column: prefix.count + copy * "n: name ".count + 1),
                    .init(line: 1, column: nicknameColumn),
                ]
            )
        }
        // Validation stops after 1,000 errors.
        #expect(errors.count == 1_001)
        #expect(Array(errors.prefix(1_000)) == Array(expected.prefix(1_000)))
        #expect(elapsed < .seconds(5), "validation took \(elapsed)")
    }

    /// Leaves of several classes among fields with selection sets, within one selection set and between two
    /// fragments: the errors are those of comparing every pair, in graphql-js's order.
    @Test func classesOfFieldsGiveTheErrorsOfEveryPair() throws {
        let variants = [
            "n: name", "n: name", "n: nickname", "n: name", "n: mother { name }", "n: name", "n: name(surname: true)",
            "n: name", "n: name", "n: mother { name }", "n: name", "n: name(surname: true)",
        ]
        func fieldName(_ variant: String) -> String { String(variant.dropFirst(3).prefix { $0.isLetter }) }
        func reason(_ variant1: String, _ variant2: String) -> String? {
            if fieldName(variant1) != fieldName(variant2) {
                return "\"\(fieldName(variant1))\" and \"\(fieldName(variant2))\" are different fields"
            }
            return variant1.contains("(") != variant2.contains("(") ? "they have differing arguments" : nil
        }
        func error(_ reason: String, _ column1: Int, _ column2: Int) -> ExpectedError {
            ExpectedError(
                message: "Fields \"n\" conflict because \(reason). "
                    + "Use different aliases on the fields to fetch both if this was intentional.",
                locations: [.init(line: 1, column: column1), .init(line: 1, column: column2)]
            )
        }
        // The query, with the column of each field of fragments A and B.
        var query = "{ dog { ...A ...B } }"
        var columns: [String: [Int]] = [:]
        for fragment in ["A", "B"] {
            query += " fragment \(fragment) on Dog {"
            for variant in variants {
                query += " "
                columns[fragment, default: []].append(query.count + 1)
                query += variant
            }
            query += " }"
        }
        var expected: [ExpectedError] = []
        for (i, variant1) in variants.enumerated() {
            for (j, variant2) in variants.enumerated() {
                if let reason = reason(variant1, variant2) {
                    expected.append(error(reason, columns["A"]![i], columns["B"]![j]))
                }
            }
        }
        for fragment in ["A", "B"] {
            for i in variants.indices {
                for j in (i + 1)..<variants.count {
                    if let reason = reason(variants[i], variants[j]) {
                        expected.append(error(reason, columns[fragment]![i], columns[fragment]![j]))
                    }
                }
            }
        }
        let (errors, _) = try timedErrors(query)
        #expect(errors.count == 172)
        #expect(errors == expected)
    }

    /// 8,000 copies of a field with a selection set are 32 million pairs to compare: over the work limit.
    @Test func copiesOfAFieldWithSubfieldsStopAtTheWorkLimit() throws {
        let query = "{ dog { " + String(repeating: "m: mother { name } ", count: 8_000) + "} }"
        let (errors, elapsed) = try timedErrors(query)
        #expect(errors == [overlapStepLimitError(line: 1, column: 7)])
        // The whole budget in a debug build on a loaded machine (about 0.2 s in a release build).
        #expect(elapsed < .seconds(10), "validation took \(elapsed)")
    }

    /// Two chains of `count` fragments, each nesting the next in `relatives`, spread side by side: comparing them
    /// nests `count` levels of fields.
    func fragmentChains(_ count: Int) -> String {
        var query = "{ human { ...F0 ...G0 } }"
        for chain in ["F", "G"] {
            for level in 0..<count {
                let next = level + 1 < count ? "...\(chain)\(level + 1)" : "name"
                query += "\nfragment \(chain)\(level) on Human { relatives { \(next) } }"
            }
        }
        return query
    }

    @Test func fragmentChainsWithinTheDepthLimitAreValid() throws {
        let (errors, elapsed) = try timedErrors(fragmentChains(190))
        #expect(errors == [])
        #expect(elapsed < .seconds(5), "validation took \(elapsed)")
    }

    @Test func fragmentChainsDeeperThanTheDepthLimitStop() throws {
        let (errors, elapsed) = try timedErrors(fragmentChains(2_000))
        #expect(
            errors == [
                ExpectedError(
                    message: "Fields cannot be checked for merging: compared fields nest more than 200 levels deep.",
                    locations: [.init(line: 1, column: 9)]
                )
            ]
        )
        #expect(elapsed < .seconds(5), "validation took \(elapsed)")
    }

    /// Two chains of 3,000 fragments that only spread the next one: comparing them is 9 million pairs of fragments
    /// (the recursion over those pairs used to overflow the stack).
    @Test func longChainsOfSpreadsStopAtTheWorkLimit() throws {
        var query = "{ human { ...F0 ...G0 } }"
        for chain in ["F", "G"] {
            for level in 0..<3_000 {
                query +=
                    "\nfragment \(chain)\(level) on Human { \(level + 1 < 3_000 ? "...\(chain)\(level + 1)" : "name") }"
            }
        }
        let (errors, elapsed) = try timedErrors(query)
        #expect(errors == [overlapStepLimitError(line: 1, column: 9)])
        #expect(elapsed < .seconds(10), "validation took \(elapsed)")
    }

    /// 300 fragments spread side by side are 44,850 pairs of fragments, each compared once.
    @Test func manyFragmentsSpreadSideBySideAreValid() throws {
        var query = "{ human { " + (0..<300).map { "...F\($0)" }.joined(separator: " ") + " } }"
        for index in 0..<300 { query += "\nfragment F\(index) on Human { name relatives { name } }" }
        let (errors, elapsed) = try timedErrors(query)
        #expect(errors == [])
        #expect(elapsed < .seconds(10), "validation took \(elapsed)")
    }
}
