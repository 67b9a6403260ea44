/// A 1-based line and column in a GraphQL source text, as graphql-js reports them
/// (columns count UTF-16 code units, like JavaScript string indices).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, as in `Syntax Error: … (1:5)`.
    public var description: String { "\(line):\(column)" }
}

/// The extent of an AST node in its source: byte offsets into the UTF-8 text and the position
/// of its first character. Stored in 32-bit fields to keep AST nodes small (sources are far
/// below 4 GiB: the parser bounds their token count).
public struct SourceRange: Sendable, Hashable {
    private var storedStart: UInt32
    private var storedEnd: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32

    /// Creates a range from byte offsets and the position of its start.
    public init(start: Int, end: Int, location: SourceLocation) {
        storedStart = UInt32(truncatingIfNeeded: start)
        storedEnd = UInt32(truncatingIfNeeded: end)
        storedLine = UInt32(truncatingIfNeeded: location.line)
        storedColumn = UInt32(truncatingIfNeeded: location.column)
    }

    /// The UTF-8 offset of the node's first byte.
    public var start: Int { Int(storedStart) }
    /// The UTF-8 offset just past the node's last byte.
    public var end: Int { Int(storedEnd) }
    /// The line and column of the node's first character.
    public var location: SourceLocation { SourceLocation(line: Int(storedLine), column: Int(storedColumn)) }
}
