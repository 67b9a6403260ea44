public import HTTPTypes

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

    /// A new random id: 32 lowercase hexadecimal digits (128 bits).
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
