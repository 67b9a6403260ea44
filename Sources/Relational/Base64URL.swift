/// Unpadded base64url (RFC 4648 §5), used for opaque ids and cursors.
///
/// Written on bytes rather than with Foundation's base64 and string replacement: ids and cursors
/// are encoded for every flight of every page, and the Foundation path cost more than the SQL.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The 6-bit value of each base64url character; 0xFF for any other byte.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    static func encode(_ text: String) -> String {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { input in
            let count = (input.count * 4 + 2) / 3
            return String(unsafeUninitializedCapacity: count) { output in
                var out = 0
                var index = 0
                while index + 3 <= input.count {
                    let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                    for shift in [18, 12, 6, 0] as [UInt32] {
                        output[out] = alphabet[Int((chunk >> shift) & 63)]
                        out += 1
                    }
                    index += 3
                }
                let rest = input.count - index
                if rest > 0 {
                    var chunk = UInt32(input[index]) << 16
                    if rest == 2 { chunk |= UInt32(input[index + 1]) << 8 }
                    for shift in ([18, 12, 6] as [UInt32]).prefix(rest + 1) {
                        output[out] = alphabet[Int((chunk >> shift) & 63)]
                        out += 1
                    }
                }
                return out
            }
        }
    }

    /// Decodes `encoded`, or returns nil when it is not unpadded base64url of UTF-8 text.
    static func decode(_ encoded: String) -> String? {
        let input = Array(encoded.utf8)
        guard input.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = values[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // Leftover bits must be zero, so that each byte string has exactly one encoding.
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
