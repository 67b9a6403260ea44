/// How the executor turns an error a resolver throws into the field error of the response.
///
/// A `GraphQLError` is reported as it is. Any other error gives its description, unless
/// ``transform`` is set: a server that must not show internal details to clients sets it around an
/// execution (a task-local value, so it reaches every resolver of the operation, child tasks included).
public enum ResolverErrors {
    /// Maps a thrown error that is not a `GraphQLError` to the field error clients see; `path` is
    /// the failing field's response path (the executor sets the error's locations and path itself).
    ///
    /// A struct rather than a bare closure: a task-local value of optional function type crashes
    /// optimized builds of Swift 6.3.1 in `swift_task_localValuePush`.
    public struct Transform: Sendable {
        let body: @Sendable (_ error: any Error, _ path: [GraphQLError.PathComponent]) -> GraphQLError

        public init(_ body: @escaping @Sendable (_ error: any Error, _ path: [GraphQLError.PathComponent]) -> GraphQLError) {
            self.body = body
        }
    }

    /// The transform of the current execution, if the server set one.
    @TaskLocal public static var transform: Transform?

    /// The field error for `error` thrown at `path`.
    static func fieldError(_ error: any Error, at path: [GraphQLError.PathComponent]) -> GraphQLError {
        if let error = error as? GraphQLError { return error }
        if let transform { return transform.body(error, path) }
        return GraphQLError(String(describing: error))
    }
}
