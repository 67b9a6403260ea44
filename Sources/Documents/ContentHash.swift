/// The fingerprint `FlightStatusStore` stores beside each document it writes: FNV-1a (128 bits) of the document's
/// BSON bytes, as 32 hexadecimal digits. Equal fingerprints mean equal documents (the `_id` is hashed too), so a
/// rewrite of identical content is recognised from the fingerprints alone, without reading the documents.
///
/// Not a cryptographic hash: it tells apart the documents this application writes, not crafted collisions.
enum ContentHash {
    /// The fingerprint of `document`.
    ///
    /// - Throws: `DocumentStoreError` `.invalidDocument` when the document cannot be encoded as BSON.
    static func of(_ document: Document) throws -> String {
        of(bytes: try document.bsonBytes())
    }

    /// FNV-1a (128 bits) of `bytes`, as 32 hexadecimal digits.
    static func of(bytes: some Sequence<UInt8>) -> String {
        // FNV-1a 128: offset basis 0x6c62272e07bb014262b821756295c58d, prime 2^88 + 0x13b.
        var high: UInt64 = 0x6c62_272e_07bb_0142
        var low: UInt64 = 0x62b8_2175_6295_c58d
        for byte in bytes {
            low ^= UInt64(byte)
            // (high, low) × (2^88 + 0x13b) modulo 2^128: low × 2^88 lands in the high word shifted by 24 bits.
            let (carry, product) = low.multipliedFullWidth(by: 0x13b)
            high = high &* 0x13b &+ carry &+ (low << 24)
            low = product
        }
        return hexadecimal(high) + hexadecimal(low)
    }

    private static func hexadecimal(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
