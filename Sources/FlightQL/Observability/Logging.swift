import Foundation
public import GraphQLEngine
public import Logging
import Synchronization

/// How log lines look: `FLIGHTQL_LOG_FORMAT`.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (`JSONLogHandler`), for collectors.
    case json
    /// swift-log's human-readable lines.
    case text

    /// `FLIGHTQL_LOG_FORMAT` (`json` or `text`); when unset or unknown, text on a terminal, JSON otherwise.
    public static func fromEnvironment(_ environment: [String: String], standardErrorIsTerminal: Bool) -> LogFormat {
        environment["FLIGHTQL_LOG_FORMAT"].flatMap { LogFormat(rawValue: $0.lowercased()) }
            ?? (standardErrorIsTerminal ? .text : .json)
    }
}

/// The process-wide logging set-up of the `flightql` commands.
public enum FlightQLLogging {
    private static let bootstrapped = Mutex(false)

    /// Sends every `Logger` of the process to standard error in the format and at the level
    /// (`FLIGHTQL_LOG_LEVEL`: trace, debug, info, notice, warning, error, critical; default info) of
    /// `environment`. Only the first call has an effect (swift-log is bootstrapped once per process).
    public static func bootstrap(environment: [String: String]? = nil) {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        let format = LogFormat.fromEnvironment(environment, standardErrorIsTerminal: isatty(STDERR_FILENO) == 1)
        let level = environment["FLIGHTQL_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .json: JSONLogHandler(label: label)
                case .text: StreamLogHandler.standardError(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }
}

/// A swift-log handler writing one JSON object per line:
/// `{"time":"2026-01-01T10:00:00.123Z","level":"info","label":"flightql","message":"…","metadata":{…}}`
/// (`metadata` only when there is some, keys sorted; an attached error as `error`).
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (_ line: [UInt8], _ level: Logger.Level) -> Void

    /// A handler for loggers labelled `label`, writing each line with `write` (standard error by default,
    /// lines below warning possibly buffered: see ``StandardError``).
    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (_ line: [UInt8], _ level: Logger.Level) -> Void = { line, level in
            StandardError.writeLine(line, urgent: level >= .warning)
        }
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        // Written member by member (no intermediate object): this runs once per request for the access log.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(320)
        bytes.append(contentsOf: #"{"time":""#.utf8)
        Self.writeTimestamp(to: &bytes)
        bytes.append(contentsOf: #"","level":"#.utf8)
        JSONValue.string(event.level.rawValue).write(to: &bytes)
        bytes.append(contentsOf: #","label":"#.utf8)
        JSONValue.string(label).write(to: &bytes)
        bytes.append(contentsOf: #","message":"#.utf8)
        JSONValue.string(event.message.description).write(to: &bytes)
        if !merged.isEmpty {
            bytes.append(contentsOf: #","metadata":{"#.utf8)
            for (index, key) in merged.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.string(key).write(to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                Self.json(merged[key]!).write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
        if let error = event.error {
            bytes.append(contentsOf: #","error":"#.utf8)
            JSONValue.string(String(describing: error)).write(to: &bytes)
        }
        bytes.append(contentsOf: "}\n".utf8)
        write(bytes, event.level)
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let string): .string(string)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let dictionary):
            .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// Appends the current UTC time as RFC 3339 with milliseconds, e.g. `2026-01-01T10:00:00.123Z`.
    static func writeTimestamp(to bytes: inout [UInt8]) {
        // From `Date`, not `clock_gettime`: a second use of `timespec`'s members in this module makes release
        // builds reject them as declared by SwiftOverlayShims (MemberImportVisibility).
        let now = Date().timeIntervalSince1970
        let whole = now.rounded(.down)
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int, then separator: UInt8?) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
            if let separator { bytes.append(separator) }
        }
        digits(Int(parts.tm_year) + 1900, 4, then: UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2, then: UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2, then: UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2, then: UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2, then: UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2, then: UInt8(ascii: "."))
        digits(min(999, Int((now - whole) * 1000)), 3, then: UInt8(ascii: "Z"))
    }
}

/// Whole lines to standard error, never interleaved: written at once (one `write(2)` per line under a
/// lock), or, once ``startBuffering(every:)`` has been called (the server does, for its access log),
/// gathered and written together at most `every` later, at once when 64 KiB are waiting, and
/// immediately, with everything before them, for lines of level warning and above.
public enum StandardError {
    private struct Buffer {
        var pending: [UInt8] = []
        var buffering = false
    }

    private static let buffer = Mutex(Buffer())
    private static let writeLock = Mutex(())
    private static let flushThreshold = 64 * 1024

    /// Writes `bytes` (whole lines); `urgent` lines are never held back.
    public static func writeLine(_ bytes: [UInt8], urgent: Bool = true) {
        let ready: [UInt8]? = buffer.withLock { buffer in
            guard buffer.buffering else { return bytes }
            buffer.pending += bytes
            guard urgent || buffer.pending.count >= flushThreshold else { return nil }
            defer { buffer.pending.removeAll(keepingCapacity: true) }
            return buffer.pending
        }
        if let ready { writeAll(ready) }
    }

    /// Holds non-urgent lines back and writes them every `interval` from a thread of its own.
    public static func startBuffering(every interval: Duration) {
        let start = buffer.withLock { buffer in
            defer { buffer.buffering = true }
            return !buffer.buffering
        }
        guard start else { return }
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: seconds)
                flush()
            }
        }
    }

    /// Writes every line held back.
    public static func flush() {
        let ready = buffer.withLock { buffer in
            defer { buffer.pending.removeAll(keepingCapacity: true) }
            return buffer.pending
        }
        if !ready.isEmpty { writeAll(ready) }
    }

    /// Writes `bytes` to file descriptor 2, retrying short writes.
    private static func writeAll(_ bytes: [UInt8]) {
        writeLock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
        }
    }
}
