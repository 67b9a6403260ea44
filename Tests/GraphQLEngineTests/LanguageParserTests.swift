import GraphQLEngine
import Testing

/// Parser cases beyond the differential corpus: the shape of the AST, locations, options and
/// the bounds that keep hostile documents from exhausting the stack or the CPU.
@Suite struct LanguageParserTests {
    private func parseError(_ source: String, _ options: ParseOptions = .init()) -> GraphQLError? {
        #expect(throws: GraphQLError.self) { try parse(source, options: options) }
    }

    @Test func buildsTheExecutableAST() throws {
        let document = try parse(
            "query Q($id: ID! = \"1\" @d) @op { user: node(id: $id) { ...F ... on User @x { name } } } "
                + "fragment F on Node { id }",
            options: ParseOptions(noLocation: true)
        )
        let expected = Document(definitions: [
            .operation(
                OperationDefinition(
                    operation: .query,
                    name: Name("Q"),
                    variableDefinitions: [
                        VariableDefinition(
                            variable: Variable(name: Name("id")),
                            type: .nonNull(NonNullType(type: .named(NamedType(name: Name("ID"))))),
                            defaultValue: .string(StringValue("1")),
                            directives: [Directive(name: Name("d"))]
                        )
                    ],
                    directives: [Directive(name: Name("op"))],
                    selectionSet: SelectionSet(selections: [
                        .field(
                            Field(
                                alias: Name("user"),
                                name: Name("node"),
                                arguments: [
                                    Argument(name: Name("id"), value: .variable(Variable(name: Name("id"))))
                                ],
                                selectionSet: SelectionSet(selections: [
                                    .fragmentSpread(FragmentSpread(name: Name("F"))),
                                    .inlineFragment(
                                        InlineFragment(
                                            typeCondition: NamedType(name: Name("User")),
                                            directives: [Directive(name: Name("x"))],
                                            selectionSet: SelectionSet(selections: [.field(Field(name: Name("name")))])
                                        )
                                    ),
                                ])
                            )
                        )
                    ])
                )
            ),
            .fragment(
                FragmentDefinition(
                    name: Name("F"),
                    typeCondition: NamedType(name: Name("Node")),
                    selectionSet: SelectionSet(selections: [.field(Field(name: Name("id")))])
                )
            ),
        ])
        #expect(document == expected)
    }

    @Test func buildsTypeSystemNodes() throws {
        let document = try parse(
            """
            "Desc" interface I implements J & K @d { f(a: Int = 1): [String!] }
            directive @rep(x: Int) repeatable on FIELD | QUERY
            extend union U = A | B
            input O @oneOf { a: Int }
            """,
            options: ParseOptions(noLocation: true)
        )
        guard case .interfaceType(let interface) = document.definitions[0],
            case .directive(let directive) = document.definitions[1],
            case .unionTypeExtension(let union) = document.definitions[2],
            case .inputObjectType(let input) = document.definitions[3]
        else {
            Issue.record("unexpected definitions: \(document.definitions)")
            return
        }
        #expect(interface.description == StringValue("Desc"))
        #expect(interface.interfaces.map(\.name.value) == ["J", "K"])
        #expect(interface.fields[0].arguments[0].defaultValue == .int(IntValue("1")))
        #expect(printAST(interface.fields[0].type) == "[String!]")
        #expect(directive.repeatable && directive.locations.map(\.value) == ["FIELD", "QUERY"])
        #expect(union.types.map(\.name.value) == ["A", "B"])
        #expect(input.directives.map(\.name.value) == ["oneOf"])
    }

    @Test func recordsLocationsLikeGraphQLJS() throws {
        let document = try parse("{\n  a: b(x: [1, $v]) @d\n}")
        guard case .operation(let operation) = document.definitions[0],
            case .field(let field) = operation.selectionSet.selections[0]
        else {
            Issue.record("unexpected document")
            return
        }
        #expect(document.loc?.start == 0 && document.loc?.end == 25)
        #expect(operation.loc?.start == 0 && operation.loc?.end == 25)
        #expect(field.loc?.start == 4 && field.loc?.end == 23)
        #expect(field.loc?.location == SourceLocation(line: 2, column: 3))
        #expect(field.name.loc?.location == SourceLocation(line: 2, column: 6))
        let value = field.arguments[0].value
        #expect(value.loc?.start == 12 && value.loc?.end == 19)
        #expect(field.directives[0].loc?.location == SourceLocation(line: 2, column: 20))
    }

    @Test func noLocationLeavesEveryLocationOut() throws {
        let document = try parse("{ a(x: 1) }", options: ParseOptions(noLocation: true))
        #expect(document.loc == nil)
        #expect(document.definitions[0].loc == nil)
    }

    @Test func parsesValuesAndTypesOnTheirOwn() throws {
        let value = try parseValue("{a: [1, 2.5, \"s\", $v, E, null, true]}", options: ParseOptions(noLocation: true))
        #expect(printAST(value) == "{a: [1, 2.5, \"s\", $v, E, null, true]}")
        #expect(printAST(try parseType("[[Int!]]!")) == "[[Int!]]!")
        #expect(throws: GraphQLError.self) { try parseValue("1 2") }
        #expect(throws: GraphQLError.self) { try parseType("Int!!") }
    }

    @Test func limitsTokenCount() throws {
        let error = parseError("{ a b c d }", ParseOptions(maxTokens: 4))
        #expect(error?.message == "Syntax Error: Document contains more than 4 tokens. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 9)])
        _ = try parse("{ a b c d }", options: ParseOptions(maxTokens: 6))
        _ = try parse("{ a b c d }", options: ParseOptions(maxTokens: nil))
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = 200
        let query = String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth)
        _ = try parse(query)
        let list = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try parse("{ a(x: \(list)) }", options: ParseOptions(maxDepth: depth + 1))
        let type = String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth)
        _ = try parse("query ($v: \(type)) { a }")
    }

    @Test func rejectsNestingBeyondTheLimit() {
        let error = parseError(
            String(repeating: "{ a ", count: 11) + String(repeating: "}", count: 11),
            ParseOptions(maxDepth: 10)
        )
        #expect(error?.message == "Syntax Error: Document nesting is deeper than 10 levels. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 41)])
        #expect(parseError("{ a(x: {b: {c: 1}}) }", ParseOptions(maxDepth: 2)) != nil)
        #expect(parseError("query ($v: [[Int]]) { a }", ParseOptions(maxDepth: 1)) != nil)
    }

    @Test(arguments: ["[", "{", "{a:", "{ a "])
    func hundredThousandOpenBracketsFailWithoutOverflowingTheStack(_ unit: String) {
        let opening = String(repeating: unit, count: 100_000)
        for source in [
            "{ f(x: \(opening)) }", opening, "query ($v: \(String(repeating: "[", count: 100_000))Int) { a }",
        ] {
            #expect(parseError(source, ParseOptions(maxTokens: nil)) != nil)
            #expect(parseError(source) != nil)
        }
        #expect(throws: GraphQLError.self) { try parseValue(opening) }
    }

    @Test func errorDescriptionAppendsTheLocation() {
        let error = parseError("{ a(x: ) }")
        #expect(error?.description == "Syntax Error: Unexpected \")\". (1:8)")
    }

    @Test func stringTokenValuesAppearInMessages() {
        #expect(parseError("fragment \"on\" on T { a }")?.message == "Syntax Error: Unexpected String \"on\".")
        #expect(
            parseError("enum E { \"d\" \"true\" }")?.message
                == "Syntax Error: String \"true\" is reserved and cannot be used for an enum value."
        )
        #expect(parseError("\"a\" \"b\"")?.message == "Syntax Error: Unexpected String \"b\".")
    }

    @Test func parseThenPrintIsStableForTheBenchmarkDocuments() throws {
        for source in [LanguageFixtures.largeQuery] {
            let document = try parse(source)
            let printed = printAST(document)
            #expect(
                try parse(printed, options: ParseOptions(noLocation: true))
                    == parse(source, options: ParseOptions(noLocation: true))
            )
            #expect(printAST(try parse(printed)) == printed)
        }
    }
}

/// Documents shared by the language tests.
enum LanguageFixtures {
    static let largeQuery = """
        query Dashboard($carrier: String!, $first: Int = 10, $order: FlightOrder = SCHEDULED_DEPARTURE_ASC) {
          carrier: airline(code: $carrier) {
            ...AirlineFields
            recent: flights(first: $first, filter: {from: "2013-01-01", to: null, tags: [A, B]}) @include(if: true) {
              edges { cursor node { id ... on Flight { delay(unit: MINUTES) } } }
            }
          }
        }

        fragment AirlineFields on Airline { code name }
        """
}

/// Seeded single-byte mutations of the corpus: every result must either parse and survive a
/// print/parse round trip, or fail with a syntax error located inside the source.
@Suite struct LanguageMutationTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func mutatedDocumentsFailCleanlyOrRoundTrip() throws {
        var random = SplitMix64(state: 2026)
        let sources = LanguageCorpus.file.cases.map { Array($0.source.utf8) }
        let alphabet = Array("{}()[]:=@$!|&.\"#, \n\r\t0aZ_-e\\u\u{FEFF}é😀".utf8)
        var parsed = 0
        for _ in 0..<3_000 {
            var bytes = try #require(sources.randomElement(using: &random))
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !bytes.isEmpty: bytes.remove(at: index)
                case 1: bytes.insert(alphabet.randomElement(using: &random) ?? 0x20, at: index)
                default: if !bytes.isEmpty { bytes[index] = alphabet.randomElement(using: &random) ?? 0x20 }
                }
            }
            let source = String(decoding: bytes, as: UTF8.self)
            let lineCount = source.utf8.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            do {
                let document = try parse(source, options: ParseOptions(noLocation: true))
                let reparsed = try parse(printAST(document), options: ParseOptions(noLocation: true))
                #expect(reparsed == document, "\(source.debugDescription)")
                parsed += 1
            } catch {
                #expect(error.message.hasPrefix("Syntax Error: "))
                let location = try #require(error.locations.first)
                #expect(location.line >= 1 && location.line <= lineCount && location.column >= 1)
            }
        }
        #expect(parsed > 50)
    }
}
