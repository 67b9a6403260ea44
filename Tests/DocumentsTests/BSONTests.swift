import Foundation
import Testing

@testable import Documents

@Suite struct BSONTests {
    static let sample: Document = [
        "double": 1.5,
        "string": "héllo",
        "document": ["nested": ["deeper": true]],
        "array": [1, "two", nil, [3.0]],
        "binary": .binary(subtype: 0, bytes: [0, 1, 255]),
        "objectID": .objectID(ObjectID("507f1f77bcf86cd799439011")!),
        "true": true,
        "false": false,
        "date": .datetime(Date(timeIntervalSince1970: 1_357_016_400.123)),
        "null": nil,
        "int32": .int32(-7),
        "timestamp": .timestamp(seconds: 1_700_000_000, increment: 3),
        "int64": .int64(1 << 40),
    ]

    @Test func knownEncodingFromTheSpecification() throws {
        // {"hello": "world"} as given at bsonspec.org.
        let expected: [UInt8] =
            [0x16, 0, 0, 0, 0x02] + Array("hello".utf8) + [0, 0x06, 0, 0, 0] + Array("world".utf8) + [0, 0]
        let document: Document = ["hello": "world"]
        #expect(try document.bsonBytes() == expected)
        #expect(try Document(bsonBytes: expected) == document)
    }

    @Test func everyTypeRoundTripsInOrder() throws {
        let decoded = try Document(bsonBytes: Self.sample.bsonBytes())
        #expect(decoded == Self.sample)
        #expect(decoded.keys == Self.sample.keys)
    }

    @Test func libbsonReadsWhatSwiftWritesAndBack() throws {
        // Through a real bson_t: libbson validates the bytes, and the borrowed view decodes them again.
        let decoded = try withBSON(Self.sample) { try Document(borrowing: $0) }
        #expect(decoded == Self.sample)
    }

    @Test func datesKeepMillisecondPrecision() throws {
        let date = Date(timeIntervalSince1970: -86_400.001)
        let decoded = try Document(bsonBytes: (["d": .datetime(date)] as Document).bsonBytes())
        #expect(decoded["d"]?.dateValue == date)
    }

    @Test(arguments: [
        [UInt8](),
        [5, 0, 0, 0],
        [5, 0, 0, 0, 1],
        [6, 0, 0, 0, 0x08, 0],
        [12, 0, 0, 0, 0x02, 0x61, 0, 0xFF, 0, 0, 0, 0],
        [8, 0, 0, 0, 0x0B, 0x61, 0, 0],
        [5, 0, 0, 0, 0, 0],
    ])
    func malformedBytesAreRefused(bytes: [UInt8]) {
        #expect(throws: DocumentStoreError.self) { try Document(bsonBytes: bytes) }
    }

    @Test func fieldNamesWithNULAreRefused() {
        #expect(throws: DocumentStoreError.self) { try (["a\u{0}b": 1] as Document).bsonBytes() }
    }

    @Test func subscriptReplacesAppendsAndRemoves() {
        var document: Document = ["a": 1, "b": 2]
        document["a"] = 10
        document["c"] = 3
        document["b"] = nil
        #expect(document.keys == ["a", "c"])
        #expect(document["a"] == 10)
        #expect(Array(document.map(\.value)) == [10, 3])
    }

    @Test func objectIDParsesAndPrintsHex() {
        #expect(ObjectID("507F1F77BCF86CD799439011")?.description == "507f1f77bcf86cd799439011")
        #expect(ObjectID("507f1f77bcf86cd79943901") == nil)
        #expect(ObjectID("507f1f77bcf86cd79943901g") == nil)
    }
}
