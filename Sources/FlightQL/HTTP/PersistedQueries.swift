import Foundation
import GraphQLEngine
import Synchronization

/// Persisted queries: Apollo's automatic persisted queries (a client sends
/// `extensions.persistedQuery {version: 1, sha256Hash}` without the query; the server answers
/// `PersistedQueryNotFound` until the client sends the hash with its query once) in a bounded LRU
/// store, plus a manifest of registered documents, which in allow-list mode are the only ones served.
public final class PersistedQueries: Sendable {
    /// Registered documents by the lowercase hex SHA-256 of their text (never evicted).
    private let manifest: [String: String]
    /// Whether only the manifest's documents run.
    public let allowListOnly: Bool
    private let automatic: Mutex<LRUStore>

    /// A store keeping up to `capacity` automatically persisted queries (0 turns APQ off) beside the
    /// `manifest`'s documents; with `allowListOnly`, only the manifest's documents are served.
    public init(capacity: Int = 1000, manifest: [String: String] = [:], allowListOnly: Bool = false) {
        self.manifest = manifest
        self.allowListOnly = allowListOnly
        self.automatic = Mutex(LRUStore(capacity: allowListOnly ? 0 : max(0, capacity)))
    }

    /// The store `configuration` asks for: its manifest (`FLIGHTQL_PERSISTED_QUERIES`) loaded, allow-list
    /// mode as `FLIGHTQL_ALLOW_LIST` says. Allow-list mode without a manifest is refused: it would serve nothing.
    public convenience init(configuration: Configuration) throws {
        guard let path = configuration.persistedQueriesPath else {
            if configuration.allowList {
                throw PersistedQueryManifestError(
                    "FLIGHTQL_ALLOW_LIST=true needs FLIGHTQL_PERSISTED_QUERIES, the manifest"
                )
            }
            self.init()
            return
        }
        self.init(manifest: try PersistedQueries.loadManifest(path: path), allowListOnly: configuration.allowList)
    }

    /// Reads a manifest: a JSON object from SHA-256 (hex) to document text. Fails when the file cannot be
    /// read, is not such an object, or a key is not the SHA-256 of its document.
    public static func loadManifest(path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PersistedQueryManifestError("cannot read the persisted query manifest \(path)")
        }
        guard case .object(let object) = try? JSONValue.parse(bytes: Array(data)) else {
            throw PersistedQueryManifestError("\(path) is not a JSON object of SHA-256 → document")
        }
        var manifest: [String: String] = [:]
        for (hash, value) in object {
            guard case .string(let document) = value else {
                throw PersistedQueryManifestError("\(path): the entry \(hash) is not a string")
            }
            guard SHA256.hexDigest(document.utf8) == hash.lowercased() else {
                throw PersistedQueryManifestError("\(path): \(hash) is not the SHA-256 of its document")
            }
            manifest[hash.lowercased()] = document
        }
        return manifest
    }

    /// The query text a request runs, or why it cannot run.
    ///
    /// - `query` with a persisted-query extension: the hash must match the text, which is then stored.
    /// - the extension alone: the stored or registered text, else `PersistedQueryNotFound`.
    /// - `query` alone: the text, which in allow-list mode must be registered.
    func resolve(query: String?, persistedQuery: JSONValue?) -> Result<String, PersistedQueryError> {
        var hash: String?
        if let persistedQuery {
            guard case .object(let fields) = persistedQuery else {
                return .failure(.malformed("`extensions.persistedQuery` must be an object."))
            }
            guard fields["version"] == .int(1) else {
                return .failure(.malformed("Unsupported persisted query version: only version 1 is supported."))
            }
            guard case .string(let given)? = fields["sha256Hash"], given.utf8.count == 64 else {
                return .failure(.malformed("`extensions.persistedQuery.sha256Hash` must be a SHA-256 in hex."))
            }
            hash = given.lowercased()
        }
        switch (query, hash) {
        case (let query?, let hash?):
            guard SHA256.hexDigest(query.utf8) == hash else { return .failure(.hashMismatch) }
            if manifest[hash] != nil { return .success(query) }
            if allowListOnly { return .failure(.notAllowed) }
            automatic.withLock { $0.insert(query, for: hash) }
            return .success(query)
        case (nil, let hash?):
            if let document = manifest[hash] { return .success(document) }
            if allowListOnly { return .failure(.notAllowed) }
            if let document = automatic.withLock({ $0.value(for: hash) }) { return .success(document) }
            return .failure(.notFound)
        case (let query?, nil):
            if allowListOnly, manifest[SHA256.hexDigest(query.utf8)] == nil { return .failure(.notAllowed) }
            return .success(query)
        case (nil, nil):
            return .failure(.malformed("The request needs `query`, a string, or a persisted query hash."))
        }
    }

    /// The number of automatically persisted queries held.
    var automaticCount: Int { automatic.withLock { $0.count } }
}

/// Why a request's persisted query cannot run.
enum PersistedQueryError: Error, Equatable {
    /// The request's shape is wrong (400).
    case malformed(String)
    /// `sha256Hash` is not the SHA-256 of `query` (400).
    case hashMismatch
    /// The hash is unknown: the client should send the query with it (Apollo's `PersistedQueryNotFound`).
    case notFound
    /// Allow-list mode and the document is not registered (403).
    case notAllowed

    /// The message and `extensions.code` clients see.
    var messageAndCode: (message: String, code: String) {
        switch self {
        case .malformed(let message): (message, "BAD_REQUEST")
        case .hashMismatch: ("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
        case .notFound: ("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
        case .notAllowed: ("This server runs only registered (persisted) queries.", "PERSISTED_QUERY_NOT_ALLOWED")
        }
    }
}

/// The manifest of persisted queries could not be loaded.
public struct PersistedQueryManifestError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A bounded map from hash to query text, evicting the least recently used entry (a
/// dictionary whose entries carry a use stamp: eviction scans for the oldest stamp, O(capacity), only when full).
private struct LRUStore {
    let capacity: Int
    private var entries: [String: (text: String, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { entries.count }

    mutating func value(for hash: String) -> String? {
        guard let entry = entries[hash] else { return nil }
        clock += 1
        entries[hash] = (entry.text, clock)
        return entry.text
    }

    mutating func insert(_ text: String, for hash: String) {
        guard capacity > 0 else { return }
        clock += 1
        if entries[hash] == nil, entries.count >= capacity,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            entries[oldest] = nil
        }
        entries[hash] = (text, clock)
    }
}
