/// A value bound to a statement parameter. Values are always bound, never spliced into SQL text.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// An integer, or `NULL` when `value` is nil.
    public init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    /// A real, or `NULL` when `value` is nil.
    public init(_ value: Double?) {
        self = value.map { .real($0) } ?? .null
    }

    /// A text, or `NULL` when `value` is nil.
    public init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }
}
