import Foundation
import GraphQLEngine
import Testing

/// The differential corpus: documents run through graphql-core 3.2 (graphql-js 16's wording and
/// positions) by `Fixtures/language/generate.py`, compared with this engine's parser, printer and lexer.
enum LanguageCorpus {
    struct ParseCase: Decodable, Sendable, CustomTestStringConvertible {
        struct ExpectedError: Decodable, Sendable {
            var message: String
            var line: Int
            var column: Int
        }
        var source: String
        var maxTokens: Int?
        var printed: String?
        var error: ExpectedError?

        var testDescription: String { String(reflecting: source) }
    }

    struct LexerCase: Decodable, Sendable, CustomTestStringConvertible {
        struct ExpectedToken: Decodable, Sendable {
            var kind: String
            var line: Int
            var column: Int
            var value: String?

            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                kind = try container.decode(String.self)
                line = try container.decode(Int.self)
                column = try container.decode(Int.self)
                value = try container.decode(String?.self)
            }
        }
        var source: String
        var tokens: [ExpectedToken]?
        var error: ParseCase.ExpectedError?

        var testDescription: String { String(reflecting: source) }
    }

    struct File: Decodable {
        var cases: [ParseCase]
        var lexer: [LexerCase]
    }

    static let file: File = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/language/cases.json")
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

@Suite struct LanguageDifferentialTests {
    @Test func corpusIsLarge() {
        #expect(LanguageCorpus.file.cases.count >= 600)
        #expect(LanguageCorpus.file.cases.filter { $0.printed != nil }.count >= 150)
        #expect(LanguageCorpus.file.lexer.count >= 100)
    }

    @Test(arguments: LanguageCorpus.file.cases)
    func parseAndPrint(_ testCase: LanguageCorpus.ParseCase) throws {
        let options = ParseOptions(maxTokens: testCase.maxTokens)
        if let expected = testCase.error {
            let error = #expect(throws: GraphQLError.self) { try parse(testCase.source, options: options) }
            #expect(error?.message == expected.message)
            #expect(error?.locations == [SourceLocation(line: expected.line, column: expected.column)])
        } else {
            let printed = try #require(testCase.printed)
            let document = try parse(testCase.source, options: options)
            #expect(printAST(document) == printed)
            // parse(print(x)) == x, ignoring locations.
            let reparsed = try parse(printed, options: ParseOptions(noLocation: true, maxTokens: nil))
            let original = try parse(testCase.source, options: ParseOptions(noLocation: true, maxTokens: nil))
            #expect(reparsed == original)
        }
    }

    @Test(arguments: LanguageCorpus.file.lexer)
    func tokens(_ testCase: LanguageCorpus.LexerCase) throws {
        if let expected = testCase.error {
            let error = #expect(throws: GraphQLError.self) { try tokenize(testCase.source) }
            #expect(error?.message == expected.message)
            #expect(error?.locations == [SourceLocation(line: expected.line, column: expected.column)])
        } else {
            let expected = try #require(testCase.tokens)
            let tokens = try tokenize(testCase.source)
            #expect(tokens.map(\.kind.description) == expected.map(\.kind))
            #expect(tokens.map(\.line) == expected.map(\.line))
            #expect(tokens.map(\.column) == expected.map(\.column))
            #expect(tokens.map(\.value) == expected.map(\.value))
        }
    }
}
