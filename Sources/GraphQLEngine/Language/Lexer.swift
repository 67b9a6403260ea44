/// Splits GraphQL source text into tokens, as graphql-js's `Lexer` does (October 2021 spec):
/// a value type over the UTF-8 bytes of the source that reads one token at a time.
///
/// Ignored tokens (white space, line terminators, commas, comments and the byte order mark)
/// are skipped. Errors carry graphql-js's wording and the position of the offending character.
struct Lexer {
    /// The UTF-8 source; valid for the lifetime of the lexer.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The current token (initially `<SOF>`).
    private(set) var token: RawToken
    /// The decoded value of the current token when it is a string or block string.
    private(set) var stringValue = ""
    /// The end offset of the token before the current one (where the last parsed node ends).
    private(set) var lastTokenEnd = 0
    /// The 1-based line the lexer is on.
    private var line = 1
    /// The offset of the first byte of the current line.
    private var lineStart = 0
    /// The offset of the last non-ASCII byte seen; columns of later tokens on the same line are
    /// counted in UTF-16 code units the slow way.
    private var lastNonASCII = -1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.token = RawToken(kind: .startOfFile, start: 0, end: 0, line: 1, column: 1)
    }

    /// Moves to the next token and returns it; at `<EOF>` stays there.
    @discardableResult
    mutating func advance() throws(GraphQLError) -> RawToken {
        lastTokenEnd = token.end
        if token.kind != .endOfFile {
            token = try readNextToken(from: token.end)
        }
        return token
    }

    /// A copy of the lexer moved to the next token; `self` does not move.
    func lookahead() throws(GraphQLError) -> Lexer {
        var copy = self
        try copy.advance()
        return copy
    }

    // MARK: - Token values

    /// The source text of a token (a name or a number).
    @inline(__always)
    func text(of token: RawToken) -> String {
        text(token.start, token.end)
    }

    /// Whether the token is the name `keyword`, compared byte by byte.
    @inline(__always)
    func isName(_ token: RawToken, _ keyword: StaticString) -> Bool {
        guard token.kind == .name && token.end - token.start == keyword.utf8CodeUnitCount else { return false }
        let start = keyword.utf8Start
        for offset in 0..<keyword.utf8CodeUnitCount where bytes[token.start + offset] != start[offset] {
            return false
        }
        return true
    }

    /// The value graphql-js gives a token: the text of a name or number, the decoded value of a
    /// string (only for the current token), `nil` for punctuators.
    func value(of token: RawToken) -> String? {
        switch token.kind {
        case .name, .int, .float: text(of: token)
        case .string, .blockString: stringValue
        default: nil
        }
    }

    /// Whether the current token's value is `value` (a name, or a string with that content).
    func currentValueIs(_ value: StaticString) -> Bool {
        switch token.kind {
        case .name: isName(token, value)
        case .string, .blockString: stringValue == value.description
        default: false
        }
    }

    /// The current token as graphql-js describes it in error messages: `Name "foo"`, `"{"`, `<EOF>`.
    func describeCurrentToken() -> String {
        describe(token)
    }

    /// A token as graphql-js describes it in error messages (strings only for the current token).
    func describe(_ token: RawToken) -> String {
        guard let value = value(of: token) else { return token.kind.errorDescription }
        return "\(token.kind.errorDescription) \"\(value)\""
    }

    // MARK: - Errors

    /// A syntax error at a byte offset: `Syntax Error: <description>` with its line and column.
    func syntaxError(_ position: Int, _ description: String) -> GraphQLError {
        GraphQLError("Syntax Error: " + description, locations: [Lexer.location(of: position, in: bytes)])
    }

    /// `Syntax Error: Unexpected <token>.` at a token (strings only for the current token).
    func unexpected(_ token: RawToken) -> GraphQLError {
        syntaxError(token.start, "Unexpected \(describe(token)).")
    }

    /// The line and column (UTF-16 code units, like graphql-js) of a byte offset.
    static func location(of position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(position, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            } else if byte == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                    index += 1
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return SourceLocation(line: line, column: utf16Count(bytes, lineStart, max(lineStart, position)) + 1)
    }

    /// The number of UTF-16 code units the UTF-8 bytes `start..<end` encode.
    private static func utf16Count(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        for index in start..<min(end, bytes.count) {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 {
                count += byte >= 0xF0 ? 2 : 1
            }
        }
        return count
    }

    /// The character at a byte offset as graphql-js prints it: `"a"`, `'"'`, `U+00E9` or `<EOF>`.
    private func printCharacter(at position: Int) -> String {
        guard position < bytes.count else { return "<EOF>" }
        let scalar = scalarValue(at: position)
        if scalar >= 0x20 && scalar <= 0x7E {
            return scalar == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(UInt8(scalar))))\""
        }
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The Unicode scalar value encoded by the UTF-8 sequence starting at a byte offset.
    private func scalarValue(at position: Int) -> UInt32 {
        let lead = UInt32(bytes[position])
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return lead
        case 0xF0...: (length, value) = (4, lead & 0x07)
        case 0xE0...: (length, value) = (3, lead & 0x0F)
        default: (length, value) = (2, lead & 0x1F)
        }
        for offset in 1..<length where position + offset < bytes.count {
            value = value << 6 | UInt32(bytes[position + offset] & 0x3F)
        }
        return value
    }

    /// The source text of `count` UTF-16 code units from a byte offset (graphql-js's `body.slice`).
    private func sourceSlice(from position: Int, utf16Units count: Int) -> String {
        var end = position
        var units = 0
        while end < bytes.count && units < count {
            units += bytes[end] >= 0xF0 ? 2 : 1
            end += 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return text(position, end)
    }

    // MARK: - Reading tokens

    @inline(__always)
    private func byte(_ position: Int) -> UInt8 {
        position < bytes.count ? bytes[position] : 0
    }

    @inline(__always)
    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    @inline(__always)
    private func makeToken(_ kind: TokenKind, _ start: Int, _ end: Int) -> RawToken {
        let column: Int
        if lastNonASCII < lineStart {
            column = start - lineStart + 1
        } else {
            column = Lexer.utf16Count(bytes, lineStart, start) + 1
        }
        return RawToken(kind: kind, start: start, end: end, line: line, column: column)
    }

    /// Reads the token that starts at or after `start`, skipping ignored tokens.
    private mutating func readNextToken(from start: Int) throws(GraphQLError) -> RawToken {
        var position = start
        let count = bytes.count
        while position < count {
            let code = bytes[position]
            switch code {
            case 0x20:  // space, usually a run of indentation
                position += 1
                while position < count && bytes[position] == 0x20 {
                    position += 1
                }
                continue
            case 0x09, 0x2C:  // tab, comma
                position += 1
                continue
            case 0x0A:  // \n
                position += 1
                line += 1
                lineStart = position
                continue
            case 0x0D:  // \r or \r\n
                position += byte(position + 1) == 0x0A ? 2 : 1
                line += 1
                lineStart = position
                continue
            case 0xEF where byte(position + 1) == 0xBB && byte(position + 2) == 0xBF:  // U+FEFF BOM
                lastNonASCII = position
                position += 3
                continue
            case 0x23:  // # comment, up to the end of the line
                position += 1
                while position < count {
                    let byte = bytes[position]
                    if byte == 0x0A || byte == 0x0D { break }
                    if byte >= 0x80 { lastNonASCII = position }
                    position += 1
                }
                continue
            case 0x21: return makeToken(.bang, position, position + 1)
            case 0x24: return makeToken(.dollar, position, position + 1)
            case 0x26: return makeToken(.amp, position, position + 1)
            case 0x28: return makeToken(.parenL, position, position + 1)
            case 0x29: return makeToken(.parenR, position, position + 1)
            case 0x2E:
                if byte(position + 1) == 0x2E && byte(position + 2) == 0x2E {
                    return makeToken(.spread, position, position + 3)
                }
            case 0x3A: return makeToken(.colon, position, position + 1)
            case 0x3D: return makeToken(.equals, position, position + 1)
            case 0x40: return makeToken(.at, position, position + 1)
            case 0x5B: return makeToken(.bracketL, position, position + 1)
            case 0x5D: return makeToken(.bracketR, position, position + 1)
            case 0x7B: return makeToken(.braceL, position, position + 1)
            case 0x7C: return makeToken(.pipe, position, position + 1)
            case 0x7D: return makeToken(.braceR, position, position + 1)
            case 0x22:
                if byte(position + 1) == 0x22 && byte(position + 2) == 0x22 {
                    return try readBlockString(from: position)
                }
                return try readString(from: position)
            case 0x2D, 0x30...0x39:
                return try readNumber(from: position)
            case 0x41...0x5A, 0x5F, 0x61...0x7A:
                return readName(from: position)
            default:
                break
            }
            if code == 0x27 {
                throw syntaxError(
                    position,
                    "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                )
            }
            throw syntaxError(position, "Unexpected character: \(printCharacter(at: position)).")
        }
        return makeToken(.endOfFile, count, count)
    }

    /// Name :: NameStart NameContinue* [lookahead != NameContinue]
    @inline(__always)
    private func readName(from start: Int) -> RawToken {
        var position = start + 1
        while position < bytes.count && isNameContinue(bytes[position]) {
            position += 1
        }
        return makeToken(.name, start, position)
    }

    /// IntValue :: IntegerPart [lookahead != {Digit, `.`, NameStart}]
    ///
    /// FloatValue ::
    ///   - IntegerPart FractionalPart ExponentPart [lookahead != {Digit, `.`, NameStart}]
    ///   - IntegerPart FractionalPart [lookahead != {Digit, `.`, NameStart}]
    ///   - IntegerPart ExponentPart [lookahead != {Digit, `.`, NameStart}]
    private func readNumber(from start: Int) throws(GraphQLError) -> RawToken {
        var position = start
        var code = bytes[position]
        var isFloat = false
        if code == 0x2D {  // -
            position += 1
            code = byte(position)
        }
        if code == 0x30 {  // 0
            position += 1
            code = byte(position)
            if isDigit(code) {
                throw syntaxError(
                    position,
                    "Invalid number, unexpected digit after 0: \(printCharacter(at: position))."
                )
            }
        } else {
            position = try readDigits(from: position)
            code = byte(position)
        }
        if code == 0x2E {  // .
            isFloat = true
            position = try readDigits(from: position + 1)
            code = byte(position)
        }
        if code == 0x45 || code == 0x65 {  // E e
            isFloat = true
            position += 1
            code = byte(position)
            if code == 0x2B || code == 0x2D {  // + -
                position += 1
            }
            position = try readDigits(from: position)
            code = byte(position)
        }
        if code == 0x2E || isNameStart(code) {
            throw syntaxError(position, "Invalid number, expected digit but got: \(printCharacter(at: position)).")
        }
        return makeToken(isFloat ? .float : .int, start, position)
    }

    /// Digit+ : returns the offset after the last digit.
    private func readDigits(from start: Int) throws(GraphQLError) -> Int {
        guard isDigit(byte(start)) && start < bytes.count else {
            throw syntaxError(start, "Invalid number, expected digit but got: \(printCharacter(at: start)).")
        }
        var position = start + 1
        while isDigit(byte(position)) {
            position += 1
        }
        return position
    }

    /// StringValue :: `"` StringCharacter* `"`
    ///
    /// StringCharacter ::
    ///   - SourceCharacter but not `"` or `\` or LineTerminator
    ///   - `\u` EscapedUnicode
    ///   - `\` EscapedCharacter
    private mutating func readString(from start: Int) throws(GraphQLError) -> RawToken {
        var position = start + 1
        var chunkStart = position
        var value = ""
        while position < bytes.count {
            let code = bytes[position]
            if code == 0x22 {  // closing "
                value += text(chunkStart, position)
                stringValue = value
                return makeToken(.string, start, position + 1)
            }
            if code == 0x5C {  // \
                value += text(chunkStart, position)
                let (scalar, size): (Unicode.Scalar, Int)
                if byte(position + 1) == 0x75 {  // u
                    if byte(position + 2) == 0x7B {  // {
                        (scalar, size) = try readEscapedUnicodeVariableWidth(at: position)
                    } else {
                        (scalar, size) = try readEscapedUnicodeFixedWidth(at: position)
                    }
                } else {
                    (scalar, size) = try readEscapedCharacter(at: position)
                }
                value.unicodeScalars.append(scalar)
                position += size
                chunkStart = position
                continue
            }
            if code == 0x0A || code == 0x0D { break }
            if code >= 0x80 { lastNonASCII = position }
            position += 1
        }
        throw syntaxError(position, "Unterminated string.")
    }

    /// `\u{` HexDigit+ `}`: at most 8 digits, and the value must be a Unicode scalar value.
    private func readEscapedUnicodeVariableWidth(at position: Int) throws(GraphQLError) -> (Unicode.Scalar, Int) {
        var point: Int32 = 0
        var size = 3
        while size < 12 {
            let code = byte(position + size)
            size += 1
            if code == 0x7D {  // }
                if size < 5 { break }
                guard let scalar = Unicode.Scalar(UInt32(bitPattern: point)) else { break }
                return (scalar, size)
            }
            point = (point &<< 4) | hexDigitValue(code)
            if point < 0 { break }
        }
        throw syntaxError(
            position,
            "Invalid Unicode escape sequence: \"\(sourceSlice(from: position, utf16Units: size))\"."
        )
    }

    /// `\u` HexDigit HexDigit HexDigit HexDigit, where a leading surrogate must be followed by a
    /// `\u` escape of a trailing surrogate.
    private func readEscapedUnicodeFixedWidth(at position: Int) throws(GraphQLError) -> (Unicode.Scalar, Int) {
        let code = read16BitHexCode(at: position + 2)
        if let scalar = Unicode.Scalar(UInt32(bitPattern: code)), code >= 0 {
            return (scalar, 6)
        }
        if code >= 0xD800 && code <= 0xDBFF && byte(position + 6) == 0x5C && byte(position + 7) == 0x75 {
            let trailing = read16BitHexCode(at: position + 8)
            if trailing >= 0xDC00 && trailing <= 0xDFFF {
                let combined = 0x10000 + ((UInt32(code) - 0xD800) << 10) + (UInt32(trailing) - 0xDC00)
                if let scalar = Unicode.Scalar(combined) {
                    return (scalar, 12)
                }
            }
        }
        throw syntaxError(
            position,
            "Invalid Unicode escape sequence: \"\(sourceSlice(from: position, utf16Units: 6))\"."
        )
    }

    /// Four hex digits as a number, or a negative number if any is not a hex digit.
    private func read16BitHexCode(at position: Int) -> Int32 {
        (hexDigitValue(byte(position)) &<< 12) | (hexDigitValue(byte(position + 1)) &<< 8)
            | (hexDigitValue(byte(position + 2)) &<< 4) | hexDigitValue(byte(position + 3))
    }

    /// EscapedCharacter :: one of `"` `\` `/` `b` `f` `n` `r` `t`
    private func readEscapedCharacter(at position: Int) throws(GraphQLError) -> (Unicode.Scalar, Int) {
        switch byte(position + 1) {
        case 0x22: return ("\"", 2)
        case 0x5C: return ("\\", 2)
        case 0x2F: return ("/", 2)
        case 0x62: return ("\u{8}", 2)
        case 0x66: return ("\u{C}", 2)
        case 0x6E: return ("\n", 2)
        case 0x72: return ("\r", 2)
        case 0x74: return ("\t", 2)
        default:
            throw syntaxError(
                position,
                "Invalid character escape sequence: \"\(sourceSlice(from: position, utf16Units: 2))\"."
            )
        }
    }

    /// BlockString :: `"""` BlockStringCharacter* `"""`
    ///
    /// The value is the raw text with `\"""` unescaped, split into lines, and dedented by
    /// `dedentBlockStringLines`, joined with `\n`.
    private mutating func readBlockString(from start: Int) throws(GraphQLError) -> RawToken {
        var position = start + 3
        var chunkStart = position
        var currentLineStart = lineStart
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        while position < bytes.count {
            let code = bytes[position]
            if code == 0x22 && byte(position + 1) == 0x22 && byte(position + 2) == 0x22 {
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                lines.append(current)
                stringValue = dedentBlockStringLines(lines)
                let token = makeToken(.blockString, start, position + 3)
                line += lines.count - 1
                lineStart = currentLineStart
                return token
            }
            if code == 0x5C && byte(position + 1) == 0x22 && byte(position + 2) == 0x22 && byte(position + 3) == 0x22 {
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                chunkStart = position + 1  // drop only the backslash
                position += 4
                continue
            }
            if code == 0x0A || code == 0x0D {
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]))
                lines.append(current)
                current = []
                position += code == 0x0D && byte(position + 1) == 0x0A ? 2 : 1
                chunkStart = position
                currentLineStart = position
                continue
            }
            if code >= 0x80 { lastNonASCII = position }
            position += 1
        }
        throw syntaxError(position, "Unterminated string.")
    }
}

/// The spec's `BlockStringValue()`: removes the common indentation of all lines but the first,
/// then leading and trailing blank lines, and joins the lines with `\n` (graphql-js
/// `dedentBlockStringLines`).
func dedentBlockStringLines(_ lines: [[UInt8]]) -> String {
    var commonIndent = Int.max
    var firstNonEmptyLine: Int?
    var lastNonEmptyLine = -1
    for (index, line) in lines.enumerated() {
        var indent = 0
        while indent < line.count && (line[indent] == 0x20 || line[indent] == 0x09) {
            indent += 1
        }
        if indent == line.count { continue }
        if firstNonEmptyLine == nil { firstNonEmptyLine = index }
        lastNonEmptyLine = index
        if index != 0 && indent < commonIndent {
            commonIndent = indent
        }
    }
    guard let first = firstNonEmptyLine else { return "" }
    var result: [UInt8] = []
    for index in first...lastNonEmptyLine {
        if index != first { result.append(0x0A) }
        let line = lines[index]
        if index == 0 {
            result.append(contentsOf: line)
        } else if commonIndent < line.count {
            result.append(contentsOf: line[commonIndent...])
        }
    }
    return String(decoding: result, as: UTF8.self)
}

@inline(__always)
private func isDigit(_ code: UInt8) -> Bool {
    code >= 0x30 && code <= 0x39
}

@inline(__always)
private func isNameStart(_ code: UInt8) -> Bool {
    (code >= 0x61 && code <= 0x7A) || (code >= 0x41 && code <= 0x5A) || code == 0x5F
}

@inline(__always)
private func isNameContinue(_ code: UInt8) -> Bool {
    isNameStart(code) || isDigit(code)
}

/// The value of a hex digit, or -1.
@inline(__always)
private func hexDigitValue(_ code: UInt8) -> Int32 {
    switch code {
    case 0x30...0x39: Int32(code) - 0x30
    case 0x41...0x46: Int32(code) - 0x37
    case 0x61...0x66: Int32(code) - 0x57
    default: -1
    }
}

/// Splits a source into its tokens, ending with `<EOF>` (the parser itself reads tokens lazily).
public func tokenize(_ source: String) throws(GraphQLError) -> [Token] {
    var source = source
    let result: Result<[Token], GraphQLError> = source.withUTF8 { bytes in
        var lexer = Lexer(bytes)
        var tokens: [Token] = []
        do throws(GraphQLError) {
            repeat {
                let token = try lexer.advance()
                tokens.append(
                    Token(
                        kind: token.kind,
                        start: token.start,
                        end: token.end,
                        line: token.line,
                        column: token.column,
                        value: lexer.value(of: token)
                    )
                )
            } while lexer.token.kind != .endOfFile
            return .success(tokens)
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}
