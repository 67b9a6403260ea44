/// The kinds of lexical token, spelled as graphql-js spells them in error messages.
public enum TokenKind: UInt8, Sendable, Hashable, CustomStringConvertible {
    case startOfFile
    case endOfFile
    case bang
    case dollar
    case amp
    case parenL
    case parenR
    case spread
    case colon
    case equals
    case at
    case bracketL
    case bracketR
    case braceL
    case pipe
    case braceR
    case name
    case int
    case float
    case string
    case blockString

    /// The kind as graphql-js prints it: `<EOF>`, `!`, `Name`, `BlockString`, ….
    public var description: String {
        switch self {
        case .startOfFile: "<SOF>"
        case .endOfFile: "<EOF>"
        case .bang: "!"
        case .dollar: "$"
        case .amp: "&"
        case .parenL: "("
        case .parenR: ")"
        case .spread: "..."
        case .colon: ":"
        case .equals: "="
        case .at: "@"
        case .bracketL: "["
        case .bracketR: "]"
        case .braceL: "{"
        case .pipe: "|"
        case .braceR: "}"
        case .name: "Name"
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .blockString: "BlockString"
        }
    }

    /// Whether the kind is a punctuator (printed in quotes in error messages).
    var isPunctuator: Bool {
        switch self {
        case .bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at, .bracketL, .bracketR,
            .braceL, .pipe, .braceR:
            true
        default:
            false
        }
    }

    /// The kind in an error message: punctuators quoted (`"{"`), others bare (`Name`).
    var errorDescription: String { isPunctuator ? "\"\(description)\"" : description }
}

/// A lexical token. Comments, white space, commas and the byte order mark are ignored and
/// never become tokens.
public struct Token: Sendable, Hashable {
    /// The token's kind.
    public var kind: TokenKind
    /// The UTF-8 offset of the token's first byte.
    public var start: Int
    /// The UTF-8 offset just past the token's last byte.
    public var end: Int
    /// The 1-based line of the token's first character.
    public var line: Int
    /// The 1-based column (in UTF-16 code units) of the token's first character.
    public var column: Int
    /// The text of a name or number, or the decoded value of a string; `nil` for punctuators.
    public var value: String?

    /// Creates a token.
    public init(kind: TokenKind, start: Int, end: Int, line: Int, column: Int, value: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.value = value
    }

}

/// The lexer's own token: kind and position only, so that reading one costs no allocation.
/// Names and numbers are read from the source bytes on demand; a string's decoded value is kept
/// by the lexer.
struct RawToken {
    var kind: TokenKind
    var start: Int
    var end: Int
    var line: Int
    var column: Int
}
