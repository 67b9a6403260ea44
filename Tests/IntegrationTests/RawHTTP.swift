import Foundation

/// HTTP/1.1 over a plain TCP socket, for requests no HTTP client library would send: bytes that are not UTF-8,
/// bodies larger than the server accepts, bodies that trickle in. Each exchange runs on its own thread (the calls
/// block), never on the concurrency runtime's threads.
enum RawHTTP {
    /// A response as read off the socket: the status (nil when the server closed without answering) and the body.
    struct Response: Sendable {
        var status: Int?
        var body: String
    }

    /// Sends `head` and `body` to 127.0.0.1:`port` with `Connection: close` and reads until the server closes or
    /// `timeout` passes. A write the server cuts short (it answered early, e.g. 413, and stopped reading or closed)
    /// is not an error: the write gives up after 2 s without progress and whatever the server said is still read.
    static func exchange(
        port: Int,
        method: String = "POST",
        path: String = "/graphql",
        headers: [String: String] = ["Content-Type": "application/json"],
        body: [UInt8],
        timeout: Duration = .seconds(30)
    ) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        let request = Array(head.utf8) + body
        return try await onThread {
            let socket = try Socket(port: port, timeout: timeout, sendTimeout: .seconds(2))
            defer { socket.close() }
            _ = socket.write(request)
            return parse(socket.readToEnd())
        }
    }

    /// Runs `work` on a new thread and returns its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// The status line's code and the body (de-chunked when the response is chunked).
    static func parse(_ bytes: [UInt8]) -> Response {
        guard let headEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            return Response(status: nil, body: String(decoding: bytes, as: UTF8.self))
        }
        let head = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self)
        let statusLine = head.prefix { $0 != "\r" }.split(separator: " ")
        var body = Array(bytes[headEnd.upperBound...])
        if head.lowercased().contains("transfer-encoding: chunked") { body = dechunk(body) }
        return Response(
            status: statusLine.count >= 2 ? Int(statusLine[1]) : nil,
            body: String(decoding: body, as: UTF8.self)
        )
    }

    /// The payload of a chunked body (`SIZE\r\nDATA\r\n…0\r\n\r\n`), up to the first malformed chunk.
    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = bytes.startIndex
        while let lineEnd = bytes[index...].firstRange(of: [13, 10]),
            let size = Int(String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0,
            lineEnd.upperBound + size <= bytes.endIndex
        {
            result += bytes[lineEnd.upperBound..<lineEnd.upperBound + size]
            index = min(lineEnd.upperBound + size + 2, bytes.endIndex)
        }
        return result
    }
}

/// A blocking TCP connection to 127.0.0.1 with send and receive time-outs.
final class Socket: @unchecked Sendable {
    // Safety: one thread uses a socket at a time (an exchange owns its socket on its own thread; a test hands its
    // sockets to one trickling thread and closes them only after that thread is done).
    private let descriptor: Int32
    private var isClosed = false

    /// Connects to 127.0.0.1:`port`; a read waits up to `timeout`, a write up to `sendTimeout` (`timeout` if nil).
    init(port: Int, timeout: Duration, sendTimeout: Duration? = nil) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StackError("socket() failed") }
        var receive = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        var send = timeval(tv_sec: Int((sendTimeout ?? timeout).components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &receive, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &send, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            closeDescriptor(descriptor)
            throw StackError("cannot connect to 127.0.0.1:\(port)")
        }
    }

    /// Writes all of `bytes`; false when the peer closed or reset the connection first.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Reads until the peer closes, the connection fails or the receive time-out passes.
    func readToEnd() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return result }
            result += buffer[..<count]
        }
    }

    /// Whether the peer sent something or closed within `timeout` (a read would not block).
    func isReadable(within timeout: Duration) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        )
        return poll(&request, 1, milliseconds) > 0
    }

    /// Reads one HTTP/1.1 response whose length the `Content-Length` header gives, leaving the connection open;
    /// nil when the peer closes first or the receive time-out passes.
    func readResponse() -> RawHTTP.Response? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let headEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                if let length, bytes.count >= headEnd.upperBound + length { return RawHTTP.parse(bytes) }
            }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += buffer[..<count]
        }
    }

    /// Closes the connection (once: the descriptor number may belong to another file afterwards).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        closeDescriptor(descriptor)
    }
}

/// `close(2)`, out of reach of `Socket.close()`'s name.
private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}

/// The resident memory of the `flightql serve` process listening on `port`, in KiB (`VmRSS` of
/// /proc/PID/status), found by its command line.
func residentKiB(ofServerOnPort port: Int) throws -> Int {
    let processes = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { Int($0) != nil }
    for pid in processes {
        guard let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
        let arguments = commandLine.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard arguments.contains("serve"), let flag = arguments.firstIndex(of: "--port"),
            arguments.indices.contains(flag + 1), arguments[flag + 1] == String(port),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = line.split(separator: " ").compactMap({ Int($0) }).first
        else { continue }
        return kib
    }
    throw StackError("no flightql serve process on port \(port)")
}
