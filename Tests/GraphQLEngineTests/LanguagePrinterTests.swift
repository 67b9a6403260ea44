import GraphQLEngine
import Testing

/// The printer's exact output for the cases that matter to `flightql format`.
@Suite struct LanguagePrinterTests {
    private func reprint(_ source: String) throws -> String {
        printAST(try parse(source))
    }

    @Test func printsQueriesInCanonicalForm() throws {
        #expect(try reprint("query { a }") == "{\n  a\n}")
        #expect(try reprint("query Q { a }") == "query Q {\n  a\n}")
        #expect(try reprint("query ($v: Int = 1) { a }") == "query ($v: Int = 1) {\n  a\n}")
        #expect(try reprint("query @d { a }") == "query @d {\n  a\n}")
        #expect(try reprint("mutation { a }") == "mutation {\n  a\n}")
        #expect(
            try reprint("{a(x:1,y:[1,2],z:{k:\"v\"})@d(if:true){...F ...on T{b} ...@s{c}}}")
                == "{\n  a(x: 1, y: [1, 2], z: {k: \"v\"}) @d(if: true) {\n    ...F\n    ... on T {\n      b\n    }\n    ... @s {\n      c\n    }\n  }\n}"
        )
        #expect(try reprint("{ a } { b }") == "{\n  a\n}\n\n{\n  b\n}")
        #expect(try reprint("fragment F on T @d { a }") == "fragment F on T @d {\n  a\n}")
    }

    @Test func breaksLongArgumentListsOverEightyColumns() throws {
        let source = "{ f(first: \"aaaaaaaaaaaaaaaaaaaa\", second: \"bbbbbbbbbbbbbbbbbbbb\", third: \"cccccc\") }"
        #expect(
            try reprint(source)
                == "{\n  f(\n    first: \"aaaaaaaaaaaaaaaaaaaa\"\n    second: \"bbbbbbbbbbbbbbbbbbbb\"\n    third: \"cccccc\"\n  )\n}"
        )
    }

    @Test func printsTypeSystemDefinitions() throws {
        let source = """
            "Root" schema @d { query: Q mutation: M }
            type T implements A & B @k(x: 1) { "field" f("arg" a: Int = 1 @x, b: [S!]!): T @deprecated(reason: "no") }
            union U = A | B
            enum E { A @d B }
            input I @oneOf { a: Int = 1 }
            directive @r(a: Int) repeatable on FIELD | QUERY
            extend type T @d
            extend schema { subscription: S }
            """
        let expected = """
            "Root"
            schema @d {
              query: Q
              mutation: M
            }

            type T implements A & B @k(x: 1) {
              "field"
              f(
                "arg"
                a: Int = 1 @x
                b: [S!]!
              ): T @deprecated(reason: "no")
            }

            union U = A | B

            enum E {
              A @d
              B
            }

            input I @oneOf {
              a: Int = 1
            }

            directive @r(a: Int) repeatable on FIELD | QUERY

            extend type T @d

            extend schema {
              subscription: S
            }
            """
        #expect(try reprint(source) == expected)
    }

    @Test func printsBlockStringsAsBlockStrings() throws {
        #expect(try reprint("\"\"\"short\"\"\" scalar S") == "\"\"\"short\"\"\"\nscalar S")
        #expect(
            try reprint("type T { \"\"\"\n  two\n  lines\n  \"\"\" f: Int }")
                == "type T {\n  \"\"\"\n  two\n  lines\n  \"\"\"\n  f: Int\n}"
        )
        #expect(printBlockString("ends with \"") == "\"\"\"\nends with \"\n\"\"\"")
        #expect(printBlockString("  indented") == "\"\"\"  indented\"\"\"")
        #expect(printBlockString("has \"\"\" inside") == "\"\"\"has \\\"\"\" inside\"\"\"")
        #expect(printBlockString("a\n  b") == "\"\"\"\na\n  b\n\"\"\"")
    }

    @Test func escapesStringsLikeGraphQLJS() {
        #expect(printString("a\"b\\c\n\t\u{8}\u{C}\r") == #""a\"b\\c\n\t\b\f\r""#)
        #expect(printString("\u{0}\u{1F}\u{7F}\u{9F}é😀") == #""\u0000\u001F\u007F\u009Fé😀""#)
    }

    @Test func printsValuesAndTypes() throws {
        #expect(printAST(Value.list(ListValue([.int(IntValue("1")), .null(NullValue())]))) == "[1, null]")
        #expect(
            printAST(
                TypeReference.nonNull(NonNullType(type: .list(ListType(type: .named(NamedType(name: Name("A")))))))
            ) == "[A]!"
        )
    }
}
