import Documents
import GraphQLEngine
import Relational

/// What one request's resolvers share: the services, the caller's credentials and the
/// per-request DataLoader of flight statuses (one MongoDB query per execution wave, however many
/// flights ask). SQLite lookups are batch resolvers (`Resolvers.lookup`) and need no loader.
final class ResolverContext: Sendable {
    let services: Services
    /// The `Authorization` header, for mutations.
    let authorization: String?

    let statuses: DataLoader<FlightKey, [FlightStatusDocument]>

    init(services: Services, authorization: String?) {
        self.services = services
        self.authorization = authorization
        statuses = DataLoader { keys in
            let store = try services.statusStore()
            return try await DocumentStore.call { try await store.statuses(forFlights: keys) }
        }
    }

    /// Refuses the call unless the request carries `Authorization: Bearer <FLIGHTQL_API_KEY>`
    /// (compared in constant time).
    func requireAPIKey() throws {
        guard let key = services.apiKey else {
            throw Unauthenticated("mutations are disabled: the server has no FLIGHTQL_API_KEY")
        }
        let prefix = "Bearer "
        guard let authorization, authorization.hasPrefix(prefix),
            constantTimeEqual(Array(authorization.utf8.dropFirst(prefix.utf8.count)), Array(key.utf8))
        else { throw Unauthenticated("a valid `Authorization: Bearer <API key>` header is required") }
    }
}

/// Compares two byte strings in time that depends only on their lengths.
func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
    for index in 0..<max(a.count, b.count) {
        let x = index < a.count ? a[index] : 0
        let y = index < b.count ? b[index] : 0
        difference |= x ^ y
    }
    return difference == 0
}

/// The caller is not allowed to do this (`UNAUTHENTICATED`).
struct Unauthenticated: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension FieldContext {
    /// The request's resolver context (every request executes with one).
    var context: ResolverContext {
        get throws {
            guard let context = request as? ResolverContext else { throw InternalError("missing resolver context") }
            return context
        }
    }

    /// The parent value as the resolver's type.
    func parent<T>(as type: T.Type = T.self) throws -> T {
        guard let value = parent as? T else { throw InternalError("unexpected parent of \(fieldName)") }
        return value
    }
}

/// A failure that is the server's fault, not the client's: clients see only a generic message.
struct InternalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
