import Foundation
import Testing

/// The leak loop (`LeakLoop.swift`) as an ordinary test: every operation's result is checked. `make test`
/// also runs the same loop built with AddressSanitizer and checked by LeakSanitizer, which must report no
/// leak (`scripts/leak-check.sh`, package `leakcheck/`); valgrind 3.19 cannot read Swift 6.3's DWARF 5.
@Suite struct LeakLoopTests {
    @Test func everyOperationSucceedsOrFailsAsExpected() async throws {
        let failures = try await LeakLoop.run(uri: TestServer.sharedURI.get())
        #expect(failures.isEmpty, "failed checks: \(failures)")
    }
}
