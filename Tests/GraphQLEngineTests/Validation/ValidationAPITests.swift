import GraphQLEngine
import Testing

/// The `validate` entry point: the error limit, documents parsed without locations, rule choice.
@Suite struct ValidationAPITests {
    private let unknownFields = [
        ExpectedError(
            message: "Cannot query field \"a\" on type \"QueryRoot\".",
            locations: [.init(line: 1, column: 3)]
        ),
        ExpectedError(
            message: "Cannot query field \"b\" on type \"QueryRoot\".",
            locations: [.init(line: 1, column: 5)]
        ),
        ExpectedError(
            message: "Cannot query field \"c\" on type \"QueryRoot\".",
            locations: [.init(line: 1, column: 7)]
        ),
        ExpectedError(
            message: "Cannot query field \"d\" on type \"QueryRoot\".",
            locations: [.init(line: 1, column: 9)]
        ),
    ]
    private let aborted = ExpectedError(
        message: "Too many validation errors, error limit reached. Validation aborted.",
        locations: []
    )

    /// As graphql-core `validate(..., max_errors=n)`: n errors, then the abort notice.
    @Test(arguments: [2, 3])
    func stopsAtTheErrorLimit(_ maxErrors: Int) throws {
        let document = try parse("{ a b c d }")
        let errors = validate(schema: validationSchemas["harness"]!, document: document, maxErrors: maxErrors)
        #expect(errors.map(ExpectedError.init) == Array(unknownFields.prefix(maxErrors)) + [aborted])
    }

    @Test func reportsEveryErrorBelowTheLimit() throws {
        let document = try parse("{ a b c d }")
        let errors = validate(schema: validationSchemas["harness"]!, document: document, maxErrors: 4)
        #expect(errors.map(ExpectedError.init) == unknownFields)
    }

    /// Without locations the same errors come out, with no locations.
    @Test func validatesDocumentsWithoutLocations() throws {
        let query = "{ dog { ...F ...F } } fragment F on Dog { x: name x: nickname ...G } fragment G on Dog { ...F }"
        let withLocations = try validationErrors(query, rules: specifiedRules)
        let document = try parse(query, options: ParseOptions(noLocation: true))
        let errors = validate(schema: validationSchemas["harness"]!, document: document)
        #expect(!withLocations.isEmpty)
        #expect(errors.map(\.message) == withLocations.map(\.message))
        #expect(errors.allSatisfy { $0.locations.isEmpty })
    }

    @Test func checksOnlyTheGivenRules() throws {
        let query = "query Q($unused: Int) { dog { unknown } }"
        #expect(try validationErrors(query, rules: []) == [])
        #expect(
            try validationErrors(query, rules: [.noUnusedVariables]).map(\.message) == [
                "Variable \"$unused\" is never used in operation \"Q\"."
            ]
        )
    }
}
