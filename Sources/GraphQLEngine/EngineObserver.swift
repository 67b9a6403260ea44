/// Is told what a `GraphQLEngine` does, so an application can count and time it (metrics, logs)
/// without the engine depending on any metrics library.
///
/// The engine calls it on the task of the request, synchronously: implementations must be cheap and
/// must not block.
public protocol GraphQLEngineObserver: Sendable {
    /// `prepare(query:)` answered `outcome`, from the document cache when `cacheHit`, else after
    /// parsing and validating the query.
    func documentPrepared(_ outcome: Result<PreparedDocument, RequestFailure>, cacheHit: Bool)

    /// `execute` ran the operation `operationName` (nil: the document's only operation) of `prepared`
    /// and answers `response`.
    func operationExecuted(_ prepared: PreparedDocument, operationName: String?, response: GraphQLResponse)
}

extension Resolvers {
    /// These resolvers with each field resolver replaced by `transform(typeName, fieldName, resolver)`,
    /// for example to observe the errors resolvers throw. Type resolvers are kept as they are.
    public func mapFieldResolvers(
        _ transform: (_ typeName: String, _ fieldName: String, FieldResolver) -> FieldResolver
    ) -> Resolvers {
        var mapped = self
        for (typeName, fields) in fields {
            for (fieldName, resolver) in fields {
                mapped.fields[typeName]![fieldName] = transform(typeName, fieldName, resolver)
            }
        }
        return mapped
    }
}
