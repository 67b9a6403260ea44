import GraphQLEngine
import Testing

/// Lexer cases beyond the differential corpus: positions in UTF-16 units, ignored tokens,
/// string decoding and the errors graphql-core cannot produce.
@Suite struct LanguageLexerTests {
    private func kinds(_ source: String) throws -> [TokenKind] {
        try tokenize(source).map(\.kind)
    }

    private func lexError(_ source: String) -> GraphQLError? {
        #expect(throws: GraphQLError.self) { try tokenize(source) }
    }

    @Test func ignoresWhiteSpaceCommasCommentsAndByteOrderMark() throws {
        #expect(try kinds("\u{FEFF} \t,,# comment\n  a , b") == [.name, .name, .endOfFile])
        #expect(try kinds("") == [.endOfFile])
    }

    @Test func countsLinesForLFCRAndCRLF() throws {
        let tokens = try tokenize("a\nb\rc\r\nd\n\re")
        #expect(tokens.map(\.line) == [1, 2, 3, 4, 6, 6])
        #expect(tokens.map(\.column) == [1, 1, 1, 1, 1, 2])
    }

    @Test func columnsCountUTF16CodeUnitsLikeGraphQLJS() throws {
        // "é" is one UTF-16 unit (two UTF-8 bytes); "😀" is two units (four bytes).
        let tokens = try tokenize("\"é\" a \"😀\" b # ü\nc")
        #expect(tokens.map(\.column) == [1, 5, 7, 12, 1, 2])
        #expect(tokens[0].start == 0 && tokens[0].end == 4)
        let error = lexError("{ a(x: \"😀\") % }")
        #expect(error?.locations == [SourceLocation(line: 1, column: 14)])
    }

    @Test func decodesEscapesIncludingSurrogatePairs() throws {
        let tokens = try tokenize(#""\u0041\u00e9\u{1F600}\uD83D\uDE00\n\t\"\\\/\b\f\r""#)
        #expect(tokens[0].value == "Aé😀😀\n\t\"\\/\u{8}\u{C}\r")
    }

    @Test func keepsNumbersAsSourceText() throws {
        let tokens = try tokenize("-0 12 1.50 -1e10 2E+3 4.0e-2")
        #expect(tokens.map(\.kind) == [.int, .int, .float, .float, .float, .float, .endOfFile])
        #expect(tokens.map(\.value) == ["-0", "12", "1.50", "-1e10", "2E+3", "4.0e-2", nil])
    }

    @Test func dedentsBlockStrings() throws {
        let source = "\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\""
        #expect(try tokenize(source)[0].value == "Hello,\n  World!\n\nYours,\n  GraphQL.")
        #expect(try tokenize("\"\"\"  first\n  second\"\"\"")[0].value == "  first\nsecond")
        #expect(try tokenize("\"\"\"a \\\"\"\" b\"\"\"")[0].value == "a \"\"\" b")
        #expect(try tokenize("\"\"\"\r\n  x\r\n\"\"\"")[0].value == "x")
        #expect(try tokenize("\"\"\"\n \t \n\"\"\"")[0].value == "")
    }

    @Test func blockStringAdvancesLines() throws {
        let tokens = try tokenize("\"\"\"\na\nb\"\"\" c")
        #expect(tokens[1].line == 3)
        #expect(tokens[1].column == 6)
    }

    @Test func trailingBackslashIsAnInvalidEscape() {
        // graphql-core reads past the end here; graphql-js reports the lone backslash.
        let error = lexError("\"end \\")
        #expect(error?.message == "Syntax Error: Invalid character escape sequence: \"\\\".")
        #expect(error?.locations == [SourceLocation(line: 1, column: 6)])
    }

    @Test func reportsUnexpectedCharactersByCodePoint() {
        #expect(lexError("\u{7}")?.message == "Syntax Error: Unexpected character: U+0007.")
        #expect(lexError("é")?.message == "Syntax Error: Unexpected character: U+00E9.")
        #expect(lexError("😀")?.message == "Syntax Error: Unexpected character: U+1F600.")
        #expect(lexError("\"")?.message == "Syntax Error: Unterminated string.")
        #expect(lexError("a \"")?.locations == [SourceLocation(line: 1, column: 4)])
    }

    @Test func unicodeEscapeErrorsQuoteTheSequenceLikeGraphQLJS() {
        #expect(
            lexError(#""\u{FFFFFFFF}""#)?.message == #"Syntax Error: Invalid Unicode escape sequence: "\u{FFFFFFFF"."#
        )
        #expect(lexError(#""\u{}""#)?.message == #"Syntax Error: Invalid Unicode escape sequence: "\u{}"."#)
        #expect(lexError(#""\uD83Dx""#)?.message == #"Syntax Error: Invalid Unicode escape sequence: "\uD83D"."#)
        #expect(lexError(#""\u00é""#)?.message == #"Syntax Error: Invalid Unicode escape sequence: "\u00é""."#)
    }
}
