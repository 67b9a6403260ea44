import Foundation
import GraphQLEngine
import Testing

/// One error as the fixtures record it: graphql-js's message and the `line:column` of each location.
struct ExpectedError: Codable, Equatable, CustomStringConvertible {
    struct Location: Codable, Equatable {
        var line: Int
        var column: Int
    }

    var message: String
    var locations: [Location]

    init(message: String, locations: [Location]) {
        self.message = message
        self.locations = locations
    }

    init(_ error: GraphQLError) {
        self.init(message: error.message, locations: error.locations.map { Location(line: $0.line, column: $0.column) })
    }

    var description: String {
        message + " " + locations.map { "\($0.line):\($0.column)" }.joined(separator: ", ")
    }
}

/// A document with the errors graphql-core reports for it (see `Fixtures/validation/generate.py`).
struct ValidationCase: Codable, CustomTestStringConvertible, Sendable {
    var rule: String
    var schema: String
    var query: String
    var errors: [ExpectedError]

    var testDescription: String { query }
}

/// The fixture folder, found next to this file.
let validationFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/validation")

/// All the cases of `cases.json`.
let validationCases: [ValidationCase] = {
    let data = try! Data(contentsOf: validationFixtures.appendingPathComponent("cases.json"))
    return try! JSONDecoder().decode([ValidationCase].self, from: data)
}()

/// The cases of one rule ("all" for the documents checked with every rule).
func cases(_ rule: String) -> [ValidationCase] {
    validationCases.filter { $0.rule == rule }
}

/// The schemas the cases name, built from the SDL files of the fixture folder.
let validationSchemas: [String: Schema] = {
    var schemas: [String: Schema] = [:]
    for name in ["harness", "flightql"] {
        let sdl = try! String(contentsOf: validationFixtures.appendingPathComponent(name + ".graphql"), encoding: .utf8)
        schemas[name] = try! Schema(sdl: sdl)
    }
    return schemas
}()

/// The rule named as graphql-js names it.
func rule(named name: String) -> ValidationRule {
    specifiedRules.first { $0.name == name }!
}

/// Validates `query` and returns the errors in the fixtures' form.
func validationErrors(_ query: String, rules: [ValidationRule], schema: String = "harness") throws -> [ExpectedError] {
    let document = try parse(query)
    return validate(schema: validationSchemas[schema]!, document: document, rules: rules).map(ExpectedError.init)
}

/// Expects `query` to pass `rules`.
func assertValid(
    _ query: String,
    rules: [ValidationRule],
    schema: String = "harness",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let errors = try validationErrors(query, rules: rules, schema: schema)
    #expect(errors == [], sourceLocation: sourceLocation)
}

/// Expects `query` to fail `rules` with exactly `expected`, in order.
func assertInvalid(
    _ query: String,
    rules: [ValidationRule],
    schema: String = "harness",
    _ expected: [ExpectedError],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    #expect(!expected.isEmpty, "an invalid case needs expected errors", sourceLocation: sourceLocation)
    let errors = try validationErrors(query, rules: rules, schema: schema)
    #expect(errors == expected, sourceLocation: sourceLocation)
}

/// Checks one fixture case against the rule it names (or all the specified rules).
func check(_ testCase: ValidationCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let rules = testCase.rule == "all" ? specifiedRules : [rule(named: testCase.rule)]
    if testCase.errors.isEmpty {
        try assertValid(testCase.query, rules: rules, schema: testCase.schema, sourceLocation: sourceLocation)
    } else {
        try assertInvalid(
            testCase.query,
            rules: rules,
            schema: testCase.schema,
            testCase.errors,
            sourceLocation: sourceLocation
        )
    }
}
