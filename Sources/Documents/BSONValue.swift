public import Foundation

/// A BSON value as a Swift value type: what a MongoDB document field can hold.
///
/// Integer literals become `.int64`, floating-point literals `.double`, `nil` becomes `.null`.
public enum BSONValue: Sendable, Hashable {
    /// A 64-bit IEEE 754 floating-point number (BSON type 0x01).
    case double(Double)
    /// A UTF-8 string (0x02).
    case string(String)
    /// An embedded document (0x03).
    case document(Document)
    /// An array (0x04).
    case array([BSONValue])
    /// Binary data with its BSON subtype (0x05).
    case binary(subtype: UInt8, bytes: [UInt8])
    /// A 12-byte ObjectId (0x07).
    case objectID(ObjectID)
    /// A boolean (0x08).
    case bool(Bool)
    /// A UTC date-time, stored as milliseconds since the Unix epoch (0x09).
    case datetime(Date)
    /// Null (0x0A).
    case null
    /// A 32-bit integer (0x10).
    case int32(Int32)
    /// A MongoDB internal timestamp (0x11), as found in server replies.
    case timestamp(seconds: UInt32, increment: UInt32)
    /// A 64-bit integer (0x12).
    case int64(Int64)

    /// The string, when this is a `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as an `Int` when it is an integer of either width, or a double with no fractional part.
    public var intValue: Int? {
        switch self {
        case .int32(let value): return Int(value)
        case .int64(let value): return Int(exactly: value)
        case .double(let value): return Int(exactly: value)
        default: return nil
        }
    }

    /// The value as a `Double` when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .int32(let value): return Double(value)
        case .int64(let value): return Double(value)
        default: return nil
        }
    }

    /// The boolean, when this is a `.bool`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The date, when this is a `.datetime`.
    public var dateValue: Date? {
        if case .datetime(let value) = self { return value }
        return nil
    }

    /// The embedded document, when this is a `.document`.
    public var documentValue: Document? {
        if case .document(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an `.array`.
    public var arrayValue: [BSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension BSONValue: ExpressibleByStringLiteral {
    /// A `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension BSONValue: ExpressibleByIntegerLiteral {
    /// An `.int64`.
    public init(integerLiteral value: Int64) { self = .int64(value) }
}

extension BSONValue: ExpressibleByFloatLiteral {
    /// A `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension BSONValue: ExpressibleByBooleanLiteral {
    /// A `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension BSONValue: ExpressibleByNilLiteral {
    /// `.null`.
    public init(nilLiteral: ()) { self = .null }
}

extension BSONValue: ExpressibleByArrayLiteral {
    /// An `.array`.
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
}

extension BSONValue: ExpressibleByDictionaryLiteral {
    /// A `.document` with the fields in literal order.
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self = .document(Document(elements))
    }
}

/// A BSON ObjectId: 12 bytes, shown as 24 lowercase hexadecimal digits.
public struct ObjectID: Sendable, Hashable, CustomStringConvertible {
    /// The 12 bytes, most significant first.
    public let bytes: [UInt8]

    /// An ObjectId from exactly 12 bytes; `nil` for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// An ObjectId from 24 hexadecimal digits; `nil` when the text is not that.
    public init?(_ hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 24 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for index in stride(from: 0, to: 24, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// The 24 lowercase hexadecimal digits.
    public var description: String {
        let alphabet = Array("0123456789abcdef".utf8)
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        for byte in bytes {
            digits.append(alphabet[Int(byte >> 4)])
            digits.append(alphabet[Int(byte & 0x0F)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
