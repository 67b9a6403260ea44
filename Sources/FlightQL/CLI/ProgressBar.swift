import Foundation
import Synchronization

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (logs and CI output stay clean). Thread-safe; redraws at most ten times a second.
public final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let lastDraw = Mutex(ContinuousClock.Instant.now - .seconds(1))

    /// A bar titled `label`, drawn when `enabled` (by default: when standard error is a terminal).
    public init(_ label: String, enabled: Bool? = nil) {
        self.label = label
        self.enabled = enabled ?? (isatty(STDERR_FILENO) == 1)
    }

    /// Shows `done` of `total` units of `phase`.
    public func update(_ phase: String, done: Int, total: Int) {
        guard enabled, shouldDraw(final: done >= total) else { return }
        let width = 30
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(phase.padding(toLength: 10, withPad: " ", startingAt: 0)) \(bar) \(Int(fraction * 100))% (\(done)/\(total))"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func shouldDraw(final: Bool) -> Bool {
        lastDraw.withLock { last in
            let now = ContinuousClock.Instant.now
            guard final || now - last >= .milliseconds(100) else { return false }
            last = now
            return true
        }
    }

    /// Ends the bar's line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
