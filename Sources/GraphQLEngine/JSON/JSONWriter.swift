extension JSONValue {
    /// The value as compact JSON text, as JavaScript's `JSON.stringify` writes it (numbers in
    /// JavaScript's shortest round-trip form, `/` and non-ASCII characters unescaped).
    public func jsonBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    /// The value as compact JSON text (see `jsonBytes()`).
    public var jsonString: String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// Appends the value as compact JSON text to `output`.
    public func write(to output: inout [UInt8]) {
        switch self {
        case .null: JSONWriter.writeNull(&output)
        case .bool(let value): JSONWriter.writeBool(value, &output)
        case .int(let value): JSONWriter.writeInt(value, &output)
        case .double(let value): JSONWriter.writeDouble(value, &output)
        case .string(let value): JSONWriter.writeString(value, &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            var first = true
            for value in values {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            object.write(to: &output)
        }
    }
}

extension JSONObject {
    /// Appends the object as compact JSON text to `output`, keys in order.
    public func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for index in keys.indices {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(keys[index], &output)
            output.append(UInt8(ascii: ":"))
            values[index].write(to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }
}

/// The scalar parts of the JSON writer.
enum JSONWriter {
    static func writeNull(_ output: inout [UInt8]) {
        output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    static func writeBool(_ value: Bool, _ output: inout [UInt8]) {
        if value {
            output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    static func writeInt(_ value: Int, _ output: inout [UInt8]) {
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[index]) }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ value: String, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                runStart = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0xF)])
                }
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Writes a double as JavaScript's `Number.prototype.toString` does; NaN and infinities,
    /// which JSON cannot carry, as `null` (as `JSON.stringify` does).
    static func writeDouble(_ value: Double, _ output: inout [UInt8]) {
        guard value.isFinite else {
            writeNull(&output)
            return
        }
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        if value == value.rounded(), value.magnitude < 1e15 {
            writeInt(Int(value), &output)
            return
        }
        output.append(contentsOf: javaScriptString(value).utf8)
    }

    /// JavaScript's formatting of a finite non-zero double, from Swift's shortest round-trip digits.
    static func javaScriptString(_ value: Double) -> String {
        // Swift prints e.g. "1.2345e-07", "123.45", "1e+16": take the digits and decimal exponent.
        let text = value.magnitude.description
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var utf8 = text.utf8[...]
        while let byte = utf8.first {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: utf8.dropFirst(), as: UTF8.self)) ?? 0
                break
            }
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
            utf8 = utf8.dropFirst()
        }
        // value = 0.digits × 10^n
        var n = (pointPosition ?? digits.count) + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let k = digits.count
        var result = value < 0 ? "-" : ""
        let digitString = String(decoding: digits, as: UTF8.self)
        if k <= n && n <= 21 {
            result += digitString + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            result +=
                String(decoding: digits[0..<n], as: UTF8.self) + "." + String(decoding: digits[n...], as: UTF8.self)
        } else if -6 < n && n <= 0 {
            result += "0." + String(repeating: "0", count: -n) + digitString
        } else {
            let e = n - 1
            let sign = e < 0 ? "-" : "+"
            if k == 1 {
                result += digitString + "e" + sign + String(e.magnitude)
            } else {
                result +=
                    String(decoding: digits[0..<1], as: UTF8.self) + "." + String(decoding: digits[1...], as: UTF8.self)
                    + "e" + sign + String(e.magnitude)
            }
        }
        return result
    }
}
