/// An ordered BSON document: field names and values in insertion order, as MongoDB keeps them.
///
/// Order matters to MongoDB (sort specifications, index keys, the command name first), so this is not a
/// dictionary. Lookups are linear, which is right for the small documents a flight status holds.
public struct Document: Sendable, Hashable {
    /// The field names, in order.
    public private(set) var keys: [String]
    /// The values, parallel to `keys`.
    public private(set) var values: [BSONValue]

    /// An empty document.
    public init() {
        keys = []
        values = []
    }

    /// A document with the given fields in order. A repeated name keeps its first position and last value.
    public init(_ fields: some Sequence<(String, BSONValue)>) {
        self.init()
        for (key, value) in fields { self[key] = value }
    }

    /// The number of fields.
    public var count: Int { keys.count }

    /// Whether the document has no fields.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of a field, `nil` when absent. Setting `nil` removes the field; setting a new name appends it.
    public subscript(key: String) -> BSONValue? {
        get {
            guard let index = keys.firstIndex(of: key) else { return nil }
            return values[index]
        }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Appends a field without looking for an existing one of the same name (the caller knows it is new).
    public mutating func append(_ key: String, _ value: BSONValue) {
        keys.append(key)
        values.append(value)
    }
}

extension Document: ExpressibleByDictionaryLiteral {
    /// A document with the fields in literal order.
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension Document: Sequence {
    /// Iterates the fields in order.
    public struct Iterator: IteratorProtocol {
        private let document: Document
        private var index = 0

        init(_ document: Document) { self.document = document }

        /// The next field, or `nil` after the last.
        public mutating func next() -> (key: String, value: BSONValue)? {
            guard index < document.keys.count else { return nil }
            defer { index += 1 }
            return (document.keys[index], document.values[index])
        }
    }

    /// An iterator over the fields in order.
    public func makeIterator() -> Iterator { Iterator(self) }
}
