import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `flightql serve` stops on SIGTERM only after the requests in flight are answered, and exits 0.
@Suite(.serialized, .enabled(if: Stack.unavailableReason == nil, "needs FLIGHTQL_BIN (make test)"))
struct ShutdownTests {
    @Test func sigtermDrainsTheRequestInFlightAndExitsZero() async throws {
        let server = try await ServerProcess.start()
        defer { server.kill() }

        // A slow request: the headers and half of the body now, the rest after SIGTERM.
        let body = #"{"query":"{ airline(code: \"UA\") { code name } }"}"#
        let half = body.index(body.startIndex, offsetBy: body.count / 2)
        let connection = try TCPConnection(port: server.port)
        try connection.send(
            "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nX-Request-ID: drain-1\r\n\r\n" + body[..<half]
        )
        try await Task.sleep(for: .milliseconds(500))
        server.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.isRunning, "the server exited with a request in flight")

        try connection.send(String(body[half...]))
        let response = try connection.readResponse()
        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(response.lowercased().contains("x-request-id: drain-1"))
        #expect(response.hasSuffix(#"{"data":{"airline":{"code":"UA","name":"United Air Lines Inc."}}}"#))

        let status = try await server.waitForExit(within: .seconds(20))
        #expect(status == 0)
        #expect(server.standardError.contains("requests drained"))
    }
}

/// A `flightql serve` process whose signals and exit the test controls.
final class ServerProcess: @unchecked Sendable {
    // Safety: every property is set in `start` and only read afterwards, from the test's task.
    let port: Int
    private let process: Process
    /// Where the process's standard error goes.
    private let errorLog: URL

    private init(port: Int, process: Process, errorLog: URL) {
        self.port = port
        self.process = process
        self.errorLog = errorLog
    }

    deinit { try? FileManager.default.removeItem(at: errorLog) }

    /// Starts the server on a free port with the test database and waits for `/healthz`.
    static func start() async throws -> ServerProcess {
        guard let binary = Stack.binary else { throw StackError(Stack.unavailableReason ?? "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let port = try Stack.freePort()
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port), "--db", try Stack.database.get()]
        process.currentDirectoryURL = Stack.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["FLIGHTQL_LOG_FORMAT": "json"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-shutdown-\(UUID()).log")
        FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorLog)
        let server = ServerProcess(port: port, process: process, errorLog: errorLog)
        try process.run()
        for _ in 0..<300 {
            if (try? TCPConnection(port: port).exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))?
                .hasPrefix("HTTP/1.1 200") == true
            {
                return server
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.kill()
        throw StackError("flightql serve did not answer /healthz within 30 s")
    }

    var isRunning: Bool { process.isRunning }

    func signal(_ signal: Int32) {
        Glibc.kill(process.processIdentifier, signal)
    }

    /// The exit status, once the process has exited (at most `timeout` from now).
    func waitForExit(within timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw StackError("the server did not exit within \(timeout)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// What the process has written to standard error.
    var standardError: String {
        (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
    }

    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// One blocking TCP connection to 127.0.0.1, for requests that arrive in pieces.
final class TCPConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(socket)
            throw StackError("cannot connect to port \(port)")
        }
    }

    deinit { close(socket) }

    func send(_ text: some StringProtocol) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw StackError("send failed")
        }
    }

    /// Reads one HTTP/1.1 response with a `Content-Length` body.
    func readResponse() throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[..<count]
            let text = String(decoding: received, as: UTF8.self)
            if let headerEnd = text.range(of: "\r\n\r\n"),
                let length = text[..<headerEnd.lowerBound].split(separator: "\r\n")
                    .first(where: { $0.lowercased().hasPrefix("content-length:") })
                    .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                text[headerEnd.upperBound...].utf8.count >= length
            {
                return text
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Sends `request` and reads the response.
    func exchange(_ request: String) throws -> String {
        try send(request)
        return try readResponse()
    }
}
