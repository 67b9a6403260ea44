import Foundation

/// Unpadded base64url (RFC 4648 §5), used for opaque ids and cursors.
enum Base64URL {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes `encoded`, or returns nil when it is not unpadded base64url of UTF-8 text.
    static func decode(_ encoded: String) -> String? {
        guard !encoded.contains("="), !encoded.contains("+"), !encoded.contains("/") else { return nil }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
