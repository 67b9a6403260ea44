public import HTTPTypes
import Synchronization

/// The id of one HTTP request, carried in the `X-Request-ID` header.
///
/// `ObservabilityMiddleware` accepts a client's id when it is a short token (1 to 128 characters of
/// letters, digits, `.`, `_`, `:` and `-`), generates one otherwise, stores it in the request's headers
/// for the handlers, echoes it in the response and adds it to the request's log metadata.
public enum RequestID {
    /// `X-Request-ID`.
    public static let headerName = HTTPField.Name("X-Request-ID")!

    /// The id of the request with these headers: the one the middleware set, nil when no middleware ran.
    public static func current(from headers: HTTPFields) -> String? {
        headers[headerName]
    }

    /// `value` when it is a token safe to log and echo, else nil.
    static func accepted(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
                UInt8(ascii: "-"):
                true
            default: false
            }
        }
        return allowed ? value : nil
    }

    /// A new id: 32 lowercase hexadecimal digits, a random 64-bit prefix drawn once per process followed by
    /// a 64-bit counter, so ids are unique without a system call per request.
    static func generate() -> String {
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var digits = [UInt8](repeating: 0, count: 32)
        writeHex(processPrefix, into: &digits, at: 0)
        writeHex(sequence, into: &digits, at: 16)
        return String(decoding: digits, as: UTF8.self)
    }

    private static let processPrefix: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeHex(_ value: UInt64, into digits: inout [UInt8], at offset: Int) {
        for index in 0..<16 {
            digits[offset + index] = hexDigits[Int((value >> UInt64(60 - 4 * index)) & 0xF)]
        }
    }
}
