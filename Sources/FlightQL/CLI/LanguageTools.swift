import GraphQLEngine

/// The engine's language tools as the `format`, `validate` and `schema` commands use them.
///
/// (The command-line target cannot name the engine's free functions directly: the module and its
/// `GraphQLEngine` class share a name.)
public enum LanguageTools {
    /// The document in `source` printed canonically; throws a `Syntax Error: … (line:column)` text.
    public static func format(_ source: String) throws(LanguageToolError) -> String {
        do {
            return printAST(try parse(source))
        } catch {
            throw LanguageToolError(error.description)
        }
    }

    /// One JSON line `{"message":…,"locations":[…]}` per syntax or validation error of the
    /// executable document in `source`, against the SDL at `schemaPath`.
    public static func validate(_ source: String, schemaPath: String) throws -> [String] {
        let schema = try ServedSchema.load(path: schemaPath)
        let errors: [GraphQLError]
        do {
            errors = GraphQLEngine_validate(schema: schema, document: try parse(source))
        } catch {
            errors = [error]
        }
        return errors.map { $0.jsonValue.jsonString }
    }

    /// The SDL at `schemaPath` as the server serves it.
    public static func schemaText(path: String) throws -> String {
        printSchema(try ServedSchema.load(path: path))
    }
}

/// Calls the engine's `validate` (named apart from `LanguageTools.validate`).
private func GraphQLEngine_validate(schema: Schema, document: Document) -> [GraphQLError] {
    validate(schema: schema, document: document)
}

/// A syntax error, as text.
public struct LanguageToolError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
