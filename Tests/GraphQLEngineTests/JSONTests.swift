import GraphQLEngine
import Testing

@Suite struct JSONTests {
    @Test(arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("0", .int(0)), ("-12", .int(-12)),
        ("1.5", .double(1.5)), ("-0.25e2", .double(-25)), ("1E3", .double(1000)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"", .string("a\"b\\c/d\né😀")),
        (" [1, [], {}, \"x\"] ", .array([.int(1), .array([]), .object([:]), .string("x")])),
        ("{\"b\":1,\"a\":2,\"b\":3}", .object(["b": .int(3), "a": .int(2)])),
    ])
    func reads(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test func objectsKeepKeyOrder() throws {
        let value = try JSONValue.parse("{\"z\":1,\"a\":{\"y\":null,\"b\":[true]}}")
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["z", "a"])
        #expect(value.jsonString == "{\"z\":1,\"a\":{\"y\":null,\"b\":[true]}}")
    }

    @Test(arguments: [
        ("", "Unexpected end of input", 0), ("[1,]", "Unexpected character ']'", 3),
        ("01", "Leading zeros are not allowed", 0),
        ("{\"a\" 1}", "Expected ':' after an object key", 5), ("[1 2]", "Expected ',' or ']' in an array", 3),
        ("\"\\x\"", "Invalid escape sequence", 1), ("\"\\ud800\"", "Unpaired surrogate in a \\u escape", 1),
        ("\"a\u{01}\"", "Unescaped control character in a string", 2), ("tru", "Invalid literal, expected 'true'", 0),
        ("1.", "Expected a digit after the decimal point", 2), ("{1:2}", "Expected a string key", 1),
        ("1 2", "Unexpected character '2'", 2), ("\"abc", "Unterminated string", 0),
        ("1e999", "Number out of range", 0),
        ("// c\n1", "Unexpected character '/'", 0),
    ])
    func rejects(text: String, message: String, offset: Int) {
        #expect(throws: JSONParseError(message, offset: offset)) { try JSONValue.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError("Invalid UTF-8 in a string", offset: 2)) {
            try JSONValue.parse(bytes: [0x22, 0x61, 0xFF, 0x22])
        }
        #expect(throws: JSONParseError("Invalid UTF-8 in a string", offset: 1)) {
            try JSONValue.parse(bytes: [0x22, 0xC3, 0x22])
        }
    }

    @Test func boundsDepth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError("Nesting deeper than 512 levels", offset: 512)) { try JSONValue.parse(deep) }
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect((try? JSONValue.parse(ok)) != nil)
    }

    @Test(arguments: [
        (1.0, "1"), (-1.5, "-1.5"), (0.1, "0.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (123456789012345680000.0, "123456789012345680000"), (1e-7, "1e-7"), (0.000001, "0.000001"),
        (1.5e-10, "1.5e-10"), (2.5e30, "2.5e+30"), (-0.0, "0"), (1e15, "1000000000000000"), (1e16, "10000000000000000"),
        (0.30000000000000004, "0.30000000000000004"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"), (123.456, "123.456"), (Double.nan, "null"),
    ])
    func writesDoublesLikeJavaScript(value: Double, text: String) {
        #expect(JSONValue.double(value).jsonString == text)
    }

    @Test func writesEscapesAndIntegers() {
        let value: JSONValue = ["s": "q\"b\\n\n\t\u{1}é/", "i": .int(Int.min), "j": .int(-0), "k": .int(1_234_567_890)]
        #expect(
            value.jsonString
                == "{\"s\":\"q\\\"b\\\\n\\n\\t\\u0001é/\",\"i\":-9223372036854775808,\"j\":0,\"k\":1234567890}"
        )
    }

    @Test func roundTrips() throws {
        let text = "{\"a\":[1,-2.5,\"x\\u0000y\",null,true,{\"b\":{}}],\"c\":1.7976931348623157e+308,\"d\":\"😀\"}"
        let value = try JSONValue.parse(text)
        #expect(value.jsonString == text)
        #expect(try JSONValue.parse(bytes: value.jsonBytes()) == value)
    }
}
