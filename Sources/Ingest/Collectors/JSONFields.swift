import Documents
import Foundation
import GraphQLEngine

extension JSONValue {
    /// The value as BSON, for the `raw` field of a status document: objects keep their key order, integers
    /// become `int32` when they fit and `int64` otherwise.
    var bson: BSONValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): Int32(exactly: value).map(BSONValue.int32) ?? .int64(Int64(value))
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(\.bson))
        case .object(let object): .document(object.bsonDocument)
        }
    }

    /// The string, when this is a non-empty string after trimming spaces.
    var nonEmptyString: String? {
        guard case .string(let text) = self else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The integer, when this is an integer or a double without a fraction.
    var integer: Int? {
        switch self {
        case .int(let value): value
        case .double(let value): Int(exactly: value)
        default: nil
        }
    }

    /// The object, when this is one.
    var object: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements, when this is an array.
    var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// A short text for rejection reasons: the JSON of a scalar, the kind of a container.
    var brief: String {
        switch self {
        case .array: "an array"
        case .object: "an object"
        default: jsonString
        }
    }
}

extension JSONObject {
    /// The object as a BSON document, keys in order.
    var bsonDocument: Documents.Document {
        Documents.Document(map { ($0.0, $0.1.bson) })
    }
}
