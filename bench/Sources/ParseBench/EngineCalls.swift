// Every call ParseBench makes into the engine, in one place, so an API change touches only this file.
import GraphQLEngine

struct EngineCalls {
    let schema: Schema
    let allRules: [ValidationRule]
    /// `specifiedRules` less OverlappingFieldsCanBeMerged, like for like with GraphQLSwift 4.3.0's default rules.
    let rulesWithoutOverlappingFields: [ValidationRule]
    /// The engine as the server holds it (resolvers that return null: only `prepare` is measured).
    let engine: GraphQLEngine

    init(schemaSDL: String) throws {
        schema = try Schema(sdl: schemaSDL)
        allRules = specifiedRules
        rulesWithoutOverlappingFields = specifiedRules.filter { $0.name != "OverlappingFieldsCanBeMerged" }
        var resolvers = Resolvers()
        var scalars: [String: ScalarCoercion] = [:]
        for name in schema.typeNames where !name.hasPrefix("__") {
            switch schema.type(named: name) {
            case .object(let object):
                for field in object.fields { resolvers.add(name, field.name, .sync { _ in nil }) }
            case .scalar where !builtInScalarNames.contains(name):
                scalars[name] = .passThrough
            default:
                break
            }
        }
        engine = GraphQLEngine(schema: try ExecutableSchema(schema: schema, resolvers: resolvers, scalars: scalars))
    }

    var ruleCount: Int { allRules.count }

    func parseOnly(_ text: String) throws {
        blackHole(try parse(text))
    }

    /// Parses and validates; returns the number of validation errors.
    func parseAndValidate(_ text: String, withOverlappingFields: Bool) throws -> Int {
        let document = try parse(text)
        let errors = validate(
            schema: schema,
            document: document,
            rules: withOverlappingFields ? allRules : rulesWithoutOverlappingFields
        )
        return errors.count
    }

    func firstErrorMessage(_ text: String) throws -> String? {
        validate(schema: schema, document: try parse(text)).first?.message
    }

    /// The engine's document cache: prepares `text` (the first call parses, validates and caches it; the next
    /// ones find it in the cache).
    func cachedPrepare(_ text: String) throws -> (() throws -> Void)? {
        let engine = self.engine
        return {
            guard case .success(let prepared) = engine.prepare(query: text) else {
                preconditionFailure("prepare failed")
            }
            blackHole(prepared)
        }
    }
}
