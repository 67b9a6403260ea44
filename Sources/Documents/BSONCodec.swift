import Foundation

// BSON encoding and decoding in Swift (https://bsonspec.org/spec.html), so documents cross into and out of
// libbson as bytes: no JSON round trip and no per-field C calls.

extension Document {
    /// Decodes one BSON document from exactly `bytes`.
    ///
    /// - Throws: `DocumentStoreError` `.invalidDocument` when the bytes are not a well-formed document or hold
    ///   a type this layer does not model (regular expressions, JavaScript, decimal128, min/max keys).
    public init(bsonBytes bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { buffer in
            var reader = BSONReader(buffer)
            let document = try reader.readDocument()
            guard reader.offset == buffer.count else { throw BSONReader.malformed("trailing bytes") }
            return document
        }
    }

    init(bsonBuffer buffer: UnsafeRawBufferPointer) throws {
        var reader = BSONReader(buffer)
        self = try reader.readDocument()
        guard reader.offset == buffer.count else { throw BSONReader.malformed("trailing bytes") }
    }

    /// The document encoded as BSON.
    ///
    /// - Throws: `DocumentStoreError` `.invalidDocument` when a field name contains a NUL byte.
    public func bsonBytes() throws -> [UInt8] {
        var writer = BSONWriter()
        try writer.write(self)
        return writer.bytes
    }
}

struct BSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func write(_ document: Document) throws {
        try writeFields(count: document.count, key: { document.keys[$0] }, value: { document.values[$0] })
    }

    private mutating func write(array: [BSONValue]) throws {
        try writeFields(count: array.count, key: { String($0) }, value: { array[$0] })
    }

    private mutating func writeFields(count: Int, key: (Int) -> String, value: (Int) -> BSONValue) throws {
        let start = bytes.count
        append(Int32(0))  // length, patched below
        for index in 0..<count {
            let value = value(index)
            bytes.append(Self.typeByte(value))
            try appendCString(key(index))
            try write(value)
        }
        bytes.append(0)
        let length = Int32(bytes.count - start)
        withUnsafeBytes(of: length.littleEndian) { raw in
            for (offset, byte) in raw.enumerated() { bytes[start + offset] = byte }
        }
    }

    private mutating func write(_ value: BSONValue) throws {
        switch value {
        case .double(let double): append(double.bitPattern)
        case .string(let string):
            let utf8 = Array(string.utf8)
            append(Int32(utf8.count + 1))
            bytes.append(contentsOf: utf8)
            bytes.append(0)
        case .document(let document): try write(document)
        case .array(let array): try write(array: array)
        case .binary(let subtype, let data):
            append(Int32(data.count))
            bytes.append(subtype)
            bytes.append(contentsOf: data)
        case .objectID(let id): bytes.append(contentsOf: id.bytes)
        case .bool(let bool): bytes.append(bool ? 1 : 0)
        case .datetime(let date): append(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        case .null: break
        case .int32(let int): append(int)
        case .timestamp(let seconds, let increment):
            append(increment)
            append(seconds)
        case .int64(let int): append(int)
        }
    }

    private static func typeByte(_ value: BSONValue) -> UInt8 {
        switch value {
        case .double: return 0x01
        case .string: return 0x02
        case .document: return 0x03
        case .array: return 0x04
        case .binary: return 0x05
        case .objectID: return 0x07
        case .bool: return 0x08
        case .datetime: return 0x09
        case .null: return 0x0A
        case .int32: return 0x10
        case .timestamp: return 0x11
        case .int64: return 0x12
        }
    }

    private mutating func appendCString(_ string: String) throws {
        let start = bytes.count
        bytes.append(contentsOf: string.utf8)
        if bytes[start...].contains(0) {
            throw DocumentStoreError(.invalidDocument, "a field name contains a NUL byte")
        }
        bytes.append(0)
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

struct BSONReader {
    private let buffer: UnsafeRawBufferPointer
    private(set) var offset = 0
    private var depth = 0

    /// Nesting deeper than this is refused rather than recursed into.
    private static let maximumDepth = 100

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    static func malformed(_ reason: String) -> DocumentStoreError {
        DocumentStoreError(.invalidDocument, "malformed BSON: \(reason)")
    }

    mutating func readDocument() throws -> Document {
        var document = Document()
        try readFields { key, value in document.append(key, value) }
        return document
    }

    private mutating func readArray() throws -> [BSONValue] {
        var array: [BSONValue] = []
        try readFields { _, value in array.append(value) }
        return array
    }

    private mutating func readFields(_ body: (String, BSONValue) -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw Self.malformed("nested too deeply") }
        let start = offset
        let length = Int(try read(Int32.self))
        guard length >= 5, start + length <= buffer.count else { throw Self.malformed("bad document length") }
        let end = start + length - 1
        guard buffer[end] == 0 else { throw Self.malformed("document not terminated") }
        while offset < end {
            let type = buffer[offset]
            offset += 1
            let key = try readCString(before: end)
            body(key, try readValue(type: type))
        }
        guard offset == end else { throw Self.malformed("field overruns its document") }
        offset = end + 1
    }

    private mutating func readValue(type: UInt8) throws -> BSONValue {
        switch type {
        case 0x01: return .double(Double(bitPattern: try read(UInt64.self)))
        case 0x02: return .string(try readString())
        case 0x03: return .document(try readDocument())
        case 0x04: return .array(try readArray())
        case 0x05:
            let count = Int(try read(Int32.self))
            guard count >= 0 else { throw Self.malformed("negative binary length") }
            let subtype = try readBytes(1)[0]
            return .binary(subtype: subtype, bytes: try readBytes(count))
        case 0x07: return .objectID(ObjectID(bytes: try readBytes(12))!)
        case 0x08:
            switch try readBytes(1)[0] {
            case 0: return .bool(false)
            case 1: return .bool(true)
            default: throw Self.malformed("bad boolean")
            }
        case 0x09: return .datetime(Date(timeIntervalSince1970: Double(try read(Int64.self)) / 1000))
        case 0x0A: return .null
        case 0x10: return .int32(try read(Int32.self))
        case 0x11:
            let increment = try read(UInt32.self)
            return .timestamp(seconds: try read(UInt32.self), increment: increment)
        case 0x12: return .int64(try read(Int64.self))
        default:
            throw DocumentStoreError(.invalidDocument, "unsupported BSON type 0x\(String(type, radix: 16))")
        }
    }

    private mutating func readString() throws -> String {
        let length = Int(try read(Int32.self))
        guard length >= 1 else { throw Self.malformed("bad string length") }
        let bytes = try readBytes(length)
        guard bytes[length - 1] == 0 else { throw Self.malformed("string not terminated") }
        return String(decoding: bytes[..<(length - 1)], as: UTF8.self)
    }

    private mutating func readCString(before end: Int) throws -> String {
        var cursor = offset
        while cursor < end, buffer[cursor] != 0 { cursor += 1 }
        guard cursor < end else { throw Self.malformed("field name not terminated") }
        let string = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[offset..<cursor]), as: UTF8.self)
        offset = cursor + 1
        return string
    }

    private mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= buffer.count - offset else { throw Self.malformed("value overruns the buffer") }
        defer { offset += count }
        return Array(buffer[offset..<(offset + count)])
    }

    private mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard size <= buffer.count - offset else { throw Self.malformed("value overruns the buffer") }
        defer { offset += size }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
