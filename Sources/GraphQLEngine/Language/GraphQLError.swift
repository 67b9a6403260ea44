/// An error as GraphQL reports it: a message, the source locations it concerns and, for
/// errors raised during execution, the response path of the field.
public struct GraphQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One step of a response path: an object key or a list index.
    public enum PathComponent: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// One entry of the error's `extensions` map, kept in insertion order.
    public struct Extension: Sendable, Hashable {
        public var key: String
        public var value: String

        /// Creates an extension entry.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The human-readable message, e.g. `Syntax Error: Unterminated string.`.
    public var message: String
    /// The source locations the error concerns (may be empty).
    public var locations: [SourceLocation]
    /// The response path of the field that failed (empty outside execution).
    public var path: [PathComponent]
    /// Additional data, in order.
    public var extensions: [Extension]

    /// Creates an error.
    public init(
        _ message: String,
        locations: [SourceLocation] = [],
        path: [PathComponent] = [],
        extensions: [Extension] = []
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// The message followed by the locations, e.g. `Syntax Error: Unterminated string. (1:7)`.
    public var description: String {
        if locations.isEmpty { return message }
        return message + " (" + locations.map(\.description).joined(separator: ", ") + ")"
    }
}
