import Documents
import Foundation

/// The MongoDB wire-protocol server the tests use: `MONGODB_URI` when set, otherwise the one that
/// `scripts/mongodb-test-server.sh start` starts (or finds running) under `.flightql/mongo-test`.
enum TestServer {
    /// The repository root, found from this file's real location.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared server's URI, started once per test process.
    static let sharedURI: Result<String, any Error> = Result {
        if let uri = ProcessInfo.processInfo.environment["MONGODB_URI"], !uri.isEmpty { return uri }
        return try script("start")
    }

    /// A client of the shared server; the caller shuts it down.
    static func client() throws -> MongoClient {
        try MongoClient(uri: sharedURI.get())
    }

    /// A collection name no other test uses.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs the test-server script with `command` and returns its first output line.
    ///
    /// - Parameter stateDirectory: a private state directory, for a server of the caller's own.
    @discardableResult
    static func script(_ command: String, stateDirectory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repositoryRoot.appendingPathComponent("scripts/mongodb-test-server.sh").path, command]
        var environment = ProcessInfo.processInfo.environment
        if let stateDirectory { environment["FLIGHTQL_MONGO_TEST_DIR"] = stateDirectory.path }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailed(command: command) }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }

    struct ScriptFailed: Error, CustomStringConvertible {
        var command: String
        var description: String { "scripts/mongodb-test-server.sh \(command) failed (see its stderr)" }
    }
}
