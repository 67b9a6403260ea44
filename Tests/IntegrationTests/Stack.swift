import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real stack for end-to-end tests: the built `flightql` binary (`FLIGHTQL_BIN`, set by `make test`)
/// serving a database it ingested itself, talking to the MongoDB wire-protocol server of `MONGODB_URI`.
///
/// The database is ingested once per test process and shared; each `Server` is its own process on a
/// free port, stopped by `stop()`.
enum Stack {
    /// Why the stack cannot run, when it cannot (no binary named).
    static var unavailableReason: String? {
        binary == nil ? "FLIGHTQL_BIN is not set: run the tests with `make test`" : nil
    }

    static let binary: String? = ProcessInfo.processInfo.environment["FLIGHTQL_BIN"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }

    static let mongoURI: String? = ProcessInfo.processInfo.environment["MONGODB_URI"]

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A database ingested by `flightql ingest` from the committed data, once per test run.
    static let database: Result<String, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-it-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("flightql.sqlite").path
        let result = try run([
            "ingest", "--db", path, "--data", repositoryRoot.appendingPathComponent("data").path,
        ])
        guard result.status == 0 else { throw StackError("ingest failed: \(result.output)") }
        return path
    }

    /// A shallow delay model (depth 2) that `flightql train` fits on `database`, once per test run.
    static let model: Result<String, any Error> = Result {
        let databasePath = try Stack.database.get()
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        let path = directory.appendingPathComponent("model.json").path
        let result = try run(["train", "--db", databasePath, "--out", path, "--max-depth", "2"])
        guard result.status == 0 else { throw StackError("train failed: \(result.output)") }
        return path
    }

    /// Runs `flightql` with `arguments` to completion.
    static func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        guard let binary else { throw StackError(unavailableReason ?? "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A port nobody listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw StackError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A failure to set up the stack.
struct StackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One `flightql serve` process.
final class Server: @unchecked Sendable {
    // Safety: `process` is set in `init` and only read afterwards; tests use a server from one task.
    let port: Int
    private let process: Process

    /// Starts `flightql serve` on a free port and waits until `/healthz` answers.
    ///
    /// - Parameter mongoURI: the MongoDB it is given (`--mongodb-uri`); the shared test server by default.
    init(extraEnvironment: [String: String] = [:], mongoURI: String? = Stack.mongoURI) async throws {
        guard let binary = Stack.binary else { throw StackError(Stack.unavailableReason ?? "") }
        let database = try Stack.database.get()
        port = try Stack.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        var arguments = ["serve", "--host", "127.0.0.1", "--port", String(port), "--db", database]
        if let mongoURI { arguments += ["--mongodb-uri", mongoURI] }
        process.arguments = arguments
        process.currentDirectoryURL = Stack.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 {
            if let (status, _) = try? await request("GET", "/healthz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw StackError("flightql serve did not answer /healthz within 30 s")
    }

    /// Sends one HTTP request and returns the status, the headers and the body.
    func request(
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> (Int, Data) {
        let (status, _, data) = try await fullRequest(method, path, body: body, headers: headers)
        return (status, data)
    }

    /// Sends one HTTP request and returns status, response headers and body.
    func fullRequest(
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> (Int, [String: String], Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, fields, data)
    }

    /// POSTs a GraphQL query as JSON and returns the status and body text.
    func graphQL(_ query: String, variables: String = "null") async throws -> (Int, String) {
        let escaped = String(decoding: try JSONEncoder().encode(query), as: UTF8.self)
        let (status, data) = try await request(
            "POST", "/graphql",
            body: #"{"query":\#(escaped),"variables":\#(variables)}"#,
            headers: ["Content-Type": "application/json"]
        )
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Stops the process.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
