import Foundation

// Runs the leak loop (Tests/DocumentsTests/LeakLoop.swift) against $MONGODB_URI. Built with
// AddressSanitizer, LeakSanitizer checks the process at exit and fails it on any leak.
guard let uri = ProcessInfo.processInfo.environment["MONGODB_URI"], !uri.isEmpty else {
    FileHandle.standardError.write(Data("LeakLoop: set MONGODB_URI\n".utf8))
    exit(2)
}
let failures = try await LeakLoop.run(uri: uri)
if !failures.isEmpty {
    FileHandle.standardError.write(Data("LeakLoop: failed checks: \(failures)\n".utf8))
    exit(1)
}
print("LeakLoop: every check passed; LeakSanitizer checks for leaks at exit")
