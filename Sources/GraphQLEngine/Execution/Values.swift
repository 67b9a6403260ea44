/// Input coercion (spec sections 6.1.2, 6.4.1 and 3.10): variables from JSON, arguments and
/// defaults from literals, with graphql-js's messages. Coerced values are `JSONValue`s: enum
/// values as their names, `ID` as strings, custom scalars as their coercion returns them.
struct InputCoercer: Sendable {
    let schema: Schema
    let scalars: [String: ScalarCoercion]

    /// One problem found while coercing a variable value: the offending part, its path inside
    /// the value and the reason.
    struct Problem {
        var path: [GraphQLError.PathComponent]
        var value: JSONValue
        var message: String
    }

    // MARK: Variables

    /// The problems of the variable values of a request.
    struct VariableErrors: Error {
        var errors: [GraphQLError]
    }

    /// graphql-js `coerceVariableValues`: the operation's variables, coerced, or the errors.
    func coerceVariables(
        _ definitions: [VariableDefinition],
        _ inputs: JSONObject
    ) -> Result<JSONObject, VariableErrors> {
        var coerced = JSONObject(minimumCapacity: definitions.count)
        var errors: [GraphQLError] = []
        for definition in definitions {
            let name = definition.variable.name.value
            let location = definition.loc.map { [$0.location] } ?? []
            let type = GraphQLType(definition.type)
            guard let named = schema.namedType(type), named.isInputType else {
                errors.append(
                    GraphQLError(
                        "Variable \"$\(name)\" expected value of type \"\(type)\" which cannot be used as an input type.",
                        locations: definition.type.loc.map { [$0.location] } ?? []
                    )
                )
                continue
            }
            guard let value = inputs[name] else {
                if let defaultValue = definition.defaultValue {
                    if let value = valueFromLiteral(defaultValue, type, variables: nil) { coerced[name] = value }
                } else if type.isNonNull {
                    errors.append(
                        GraphQLError(
                            "Variable \"$\(name)\" of required type \"\(type)\" was not provided.",
                            locations: location
                        )
                    )
                }
                continue
            }
            if value.isNull && type.isNonNull {
                errors.append(
                    GraphQLError(
                        "Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.",
                        locations: location
                    )
                )
                continue
            }
            var problems: [Problem] = []
            var path: [GraphQLError.PathComponent] = []
            let result = coerceInput(value, type, &path, &problems)
            if problems.isEmpty {
                coerced[name] = result
            } else {
                for problem in problems {
                    var message = "Variable \"$\(name)\" got invalid value \(inspect(problem.value))"
                    if !problem.path.isEmpty { message += " at \"\(name)\(printPath(problem.path))\"" }
                    errors.append(GraphQLError(message + "; " + problem.message, locations: location))
                }
            }
        }
        return errors.isEmpty ? .success(coerced) : .failure(VariableErrors(errors: errors))
    }

    private func printPath(_ path: [GraphQLError.PathComponent]) -> String {
        path.map {
            switch $0 {
            case .key(let key): ".\(key)"
            case .index(let index): "[\(index)]"
            }
        }.joined()
    }

    /// graphql-js `coerceInputValue`: a JSON input coerced to `type`, problems collected.
    func coerceInput(
        _ value: JSONValue,
        _ type: GraphQLType,
        _ path: inout [GraphQLError.PathComponent],
        _ problems: inout [Problem]
    ) -> JSONValue {
        switch type {
        case .nonNull(let inner):
            if value.isNull {
                problems.append(
                    Problem(path: path, value: value, message: "Expected non-nullable type \"\(type)\" not to be null.")
                )
                return .null
            }
            return coerceInput(value, inner, &path, &problems)
        case .list(let item):
            if value.isNull { return .null }
            guard case .array(let values) = value else {
                return .array([coerceInput(value, item, &path, &problems)])
            }
            var result: [JSONValue] = []
            result.reserveCapacity(values.count)
            for (index, element) in values.enumerated() {
                path.append(.index(index))
                result.append(coerceInput(element, item, &path, &problems))
                path.removeLast()
            }
            return .array(result)
        case .named(let name):
            if value.isNull { return .null }
            switch schema.type(named: name) {
            case .inputObject(let input):
                return coerceInputObject(value, input, &path, &problems)
            case .enum(let enumType):
                guard case .string(let string) = value else {
                    problems.append(
                        Problem(
                            path: path,
                            value: value,
                            message: "Enum \"\(name)\" cannot represent non-string value: \(inspect(value))."
                        )
                    )
                    return .null
                }
                guard enumType.value(string) != nil else {
                    let suggestions = suggestionList(string, options: enumType.values.map(\.name))
                    problems.append(
                        Problem(
                            path: path,
                            value: value,
                            message: "Value \(inspect(value)) does not exist in \"\(name)\" enum."
                                + didYouMean(suggestions, subMessage: "the enum value")
                        )
                    )
                    return .null
                }
                return value
            case .scalar:
                guard let coercion = scalars[name] else {
                    problems.append(Problem(path: path, value: value, message: "Expected type \"\(name)\"."))
                    return .null
                }
                do {
                    return try coercion.parseValue(value)
                } catch {
                    problems.append(Problem(path: path, value: value, message: errorMessage(error)))
                    return .null
                }
            default:
                problems.append(Problem(path: path, value: value, message: "Expected type \"\(name)\"."))
                return .null
            }
        }
    }

    private func coerceInputObject(
        _ value: JSONValue,
        _ input: InputObjectType,
        _ path: inout [GraphQLError.PathComponent],
        _ problems: inout [Problem]
    ) -> JSONValue {
        guard case .object(let object) = value else {
            problems.append(
                Problem(path: path, value: value, message: "Expected type \"\(input.name)\" to be an object.")
            )
            return .null
        }
        var result = JSONObject(minimumCapacity: input.fields.count)
        for field in input.fields {
            guard let fieldValue = object[field.name] else {
                if let defaultValue = field.defaultValue {
                    if let value = valueFromLiteral(defaultValue, field.type, variables: nil) {
                        result.appendNew(field.name, value)
                    }
                } else if field.type.isNonNull {
                    problems.append(
                        Problem(
                            path: path,
                            value: value,
                            message: "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided."
                        )
                    )
                }
                continue
            }
            path.append(.key(field.name))
            result.appendNew(field.name, coerceInput(fieldValue, field.type, &path, &problems))
            path.removeLast()
        }
        for key in object.keys where input.field(key) == nil {
            let suggestions = suggestionList(key, options: input.fields.map(\.name))
            problems.append(
                Problem(
                    path: path,
                    value: value,
                    message: "Field \"\(key)\" is not defined by type \"\(input.name)\"." + didYouMean(suggestions)
                )
            )
        }
        if input.isOneOf {
            if object.count != 1 {
                problems.append(
                    Problem(
                        path: path,
                        value: value,
                        message: "Exactly one key must be specified for OneOf type \"\(input.name)\"."
                    )
                )
            } else if let key = object.keys.first, object[key]?.isNull == true {
                problems.append(Problem(path: path, value: value, message: "Field \"\(key)\" must be non-null."))
            }
        }
        return .object(result)
    }

    // MARK: Literals

    /// graphql-js `valueFromAST`: a literal coerced to `type`, reading variables from the coerced
    /// variables; nil when the literal is invalid (or an absent variable where a value is needed).
    func valueFromLiteral(_ literal: Value, _ type: GraphQLType, variables: JSONObject?) -> JSONValue? {
        if case .variable(let variable) = literal {
            guard let value = variables?[variable.name.value] else { return nil }
            if value.isNull && type.isNonNull { return nil }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = literal { return nil }
            return valueFromLiteral(literal, inner, variables: variables)
        case .list(let item):
            if case .null = literal { return .null }
            guard case .list(let list) = literal else {
                return valueFromLiteral(literal, item, variables: variables).map { .array([$0]) }
            }
            var result: [JSONValue] = []
            result.reserveCapacity(list.values.count)
            for element in list.values {
                if isMissingVariable(element, variables) {
                    if item.isNonNull { return nil }
                    result.append(.null)
                    continue
                }
                guard let value = valueFromLiteral(element, item, variables: variables) else { return nil }
                result.append(value)
            }
            return .array(result)
        case .named(let name):
            if case .null = literal { return .null }
            switch schema.type(named: name) {
            case .inputObject(let input):
                guard case .object(let object) = literal else { return nil }
                var result = JSONObject(minimumCapacity: input.fields.count)
                for field in input.fields {
                    guard let node = object.fields.first(where: { $0.name.value == field.name }),
                        !isMissingVariable(node.value, variables)
                    else {
                        if let defaultValue = field.defaultValue {
                            guard let value = valueFromLiteral(defaultValue, field.type, variables: nil) else {
                                return nil
                            }
                            result.appendNew(field.name, value)
                        } else if field.type.isNonNull {
                            return nil
                        }
                        continue
                    }
                    guard let value = valueFromLiteral(node.value, field.type, variables: variables) else {
                        return nil
                    }
                    result.appendNew(field.name, value)
                }
                if input.isOneOf {
                    guard result.count == 1, result.values.first?.isNull == false else { return nil }
                }
                return .object(result)
            case .enum(let enumType):
                guard case .enumValue(let node) = literal, enumType.value(node.value) != nil else { return nil }
                return .string(node.value)
            case .scalar:
                guard let coercion = scalars[name] else { return nil }
                // Custom scalars see the literal with its variables replaced by their values.
                return try? coercion.parseLiteral(substituteVariables(literal, variables))
            default:
                return nil
            }
        }
    }

    private func isMissingVariable(_ literal: Value, _ variables: JSONObject?) -> Bool {
        if case .variable(let variable) = literal { return variables?[variable.name.value] == nil }
        return false
    }

    private func substituteVariables(_ literal: Value, _ variables: JSONObject?) -> Value {
        switch literal {
        case .variable(let variable):
            return literalValue(of: variables?[variable.name.value] ?? .null)
        case .list(let list):
            return .list(ListValue(list.values.map { substituteVariables($0, variables) }, loc: list.loc))
        case .object(let object):
            return .object(
                ObjectValue(
                    object.fields.map {
                        ObjectField(name: $0.name, value: substituteVariables($0.value, variables), loc: $0.loc)
                    },
                    loc: object.loc
                )
            )
        default:
            return literal
        }
    }

    /// A JSON value as an untyped literal.
    private func literalValue(of value: JSONValue) -> Value {
        switch value {
        case .null: return .null(NullValue())
        case .bool(let bool): return .boolean(BooleanValue(bool))
        case .int(let int): return .int(IntValue(String(int)))
        case .double(let double): return .float(FloatValue(JSONValue.double(double).jsonString))
        case .string(let string): return .string(StringValue(string))
        case .array(let values): return .list(ListValue(values.map(literalValue)))
        case .object(let object):
            return .object(ObjectValue(object.map { ObjectField(name: Name($0.0), value: literalValue(of: $0.1)) }))
        }
    }

    // MARK: Arguments

    /// graphql-js `getArgumentValues`: the arguments of a field or directive, coerced, defaults
    /// applied; throws the first problem as graphql-js does.
    func argumentValues(
        _ definitions: [GraphQLInputValue],
        _ nodes: [Argument],
        variables: JSONObject
    ) throws(GraphQLError) -> JSONObject {
        var coerced = JSONObject(minimumCapacity: definitions.count)
        for definition in definitions {
            let name = definition.name
            let node = nodes.first { $0.name.value == name }
            guard let node else {
                if let defaultValue = definition.defaultValue {
                    if let value = valueFromLiteral(defaultValue, definition.type, variables: nil) {
                        coerced.appendNew(name, value)
                    }
                } else if definition.type.isNonNull {
                    throw GraphQLError(
                        "Argument \"\(name)\" of required type \"\(definition.type)\" was not provided."
                    )
                }
                continue
            }
            // graphql-js locates these errors at the argument's value.
            let location = node.value.loc.map { [$0.location] } ?? []
            if case .variable(let variable) = node.value, variables[variable.name.value] == nil {
                if let defaultValue = definition.defaultValue {
                    if let value = valueFromLiteral(defaultValue, definition.type, variables: nil) {
                        coerced.appendNew(name, value)
                    }
                } else if definition.type.isNonNull {
                    throw GraphQLError(
                        "Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable \"$\(variable.name.value)\" which was not provided a runtime value.",
                        locations: location
                    )
                }
                continue
            }
            if case .null = node.value, definition.type.isNonNull {
                throw GraphQLError(
                    "Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.",
                    locations: location
                )
            }
            guard let value = valueFromLiteral(node.value, definition.type, variables: variables) else {
                throw GraphQLError(
                    "Argument \"\(name)\" has invalid value \(printAST(node.value)).",
                    locations: location
                )
            }
            coerced.appendNew(name, value)
        }
        return coerced
    }

    // MARK: Output of defaults

    /// graphql-js `astFromValue`: the literal that denotes a coerced value of `type`, or nil.
    func literal(from value: JSONValue, _ type: GraphQLType) -> Value? {
        switch type {
        case .nonNull(let inner):
            if value.isNull { return nil }
            return literal(from: value, inner)
        case .list(let item):
            if value.isNull { return .null(NullValue()) }
            guard case .array(let values) = value else { return literal(from: value, item) }
            return .list(ListValue(values.compactMap { literal(from: $0, item) }))
        case .named(let name):
            if value.isNull { return .null(NullValue()) }
            switch schema.type(named: name) {
            case .inputObject(let input):
                guard case .object(let object) = value else { return nil }
                var fields: [ObjectField] = []
                for field in input.fields {
                    if let fieldValue = object[field.name], let node = literal(from: fieldValue, field.type) {
                        fields.append(ObjectField(name: Name(field.name), value: node))
                    }
                }
                return .object(ObjectValue(fields))
            case .enum:
                guard case .string(let string) = value else { return nil }
                return .enumValue(EnumValue(string))
            default:
                let serialized: JSONValue
                if let coercion = scalars[name], let json = try? coercion.serialize(value) {
                    serialized = json
                } else {
                    serialized = value
                }
                return untypedLiteral(serialized, isID: name == "ID")
            }
        }
    }

    private func untypedLiteral(_ value: JSONValue, isID: Bool) -> Value? {
        switch value {
        case .null: return .null(NullValue())
        case .bool(let bool): return .boolean(BooleanValue(bool))
        case .int(let int): return .int(IntValue(String(int)))
        case .double(let double):
            guard double.isFinite else { return nil }
            let text = JSONValue.double(double).jsonString
            return text.contains(where: { $0 == "." || $0 == "e" }) ? .float(FloatValue(text)) : .int(IntValue(text))
        case .string(let string):
            if isID, let first = string.first, first != "-" || string.count > 1,
                string.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), Int(string) != nil,
                string == "0" || !string.hasPrefix("0") && !string.hasPrefix("-0")
            {
                return .int(IntValue(string))
            }
            return .string(StringValue(string))
        case .array(let values): return .list(ListValue(values.compactMap { untypedLiteral($0, isID: false) }))
        case .object(let object):
            return .object(
                ObjectValue(
                    object.compactMap { key, value in
                        untypedLiteral(value, isID: false).map { ObjectField(name: Name(key), value: $0) }
                    }
                )
            )
        }
    }
}

/// The message of an error thrown by application code: a `GraphQLError`'s message, else the
/// error's description.
func errorMessage(_ error: any Error) -> String {
    if let error = error as? GraphQLError { return error.message }
    return String(describing: error)
}
