/// Prints a document in graphql-js's canonical style (`print` from graphql-js 16): two-space
/// indentation, one blank line between definitions, block strings kept as block strings, the
/// `query` keyword omitted for anonymous queries without variables or directives.
public func printAST(_ document: Document) -> String {
    Printer.join(document.definitions.map(Printer.definition), "\n\n")
}

/// Prints one definition in graphql-js's canonical style.
public func printAST(_ definition: Definition) -> String {
    Printer.definition(definition)
}

/// Prints a value literal in graphql-js's canonical style, e.g. `{a: [1, 2], b: "x"}`.
public func printAST(_ value: Value) -> String {
    Printer.value(value)
}

/// Prints a type reference, e.g. `[String!]!`.
public func printAST(_ type: TypeReference) -> String {
    Printer.type(type)
}

/// Prints a string as a GraphQL string literal, escaping as graphql-js `printString` does.
public func printString(_ value: String) -> String {
    Printer.string(value)
}

/// Prints a string as a GraphQL block string, laid out as graphql-js `printBlockString` does.
public func printBlockString(_ value: String) -> String {
    Printer.blockString(value)
}

/// The printing functions, one per node kind, written like graphql-js's `printer.ts` visitor.
private enum Printer {
    /// A field's arguments move to separate lines when the one-line form is longer than this.
    static let maxLineLength = 80

    static func definition(_ definition: Definition) -> String {
        switch definition {
        case .operation(let node): operation(node)
        case .fragment(let node): fragment(node)
        case .schema(let node):
            wrap("", node.description.map(string), "\n")
                + join(["schema", directives(node.directives), block(node.operationTypes.map(operationType))], " ")
        case .scalarType(let node):
            wrap("", node.description.map(string), "\n")
                + join(["scalar", node.name.value, directives(node.directives)], " ")
        case .objectType(let node):
            wrap("", node.description.map(string), "\n")
                + join(
                    [
                        "type", node.name.value, implements(node.interfaces), directives(node.directives),
                        block(node.fields.map(fieldDefinition)),
                    ],
                    " "
                )
        case .interfaceType(let node):
            wrap("", node.description.map(string), "\n")
                + join(
                    [
                        "interface", node.name.value, implements(node.interfaces), directives(node.directives),
                        block(node.fields.map(fieldDefinition)),
                    ],
                    " "
                )
        case .unionType(let node):
            wrap("", node.description.map(string), "\n")
                + join(["union", node.name.value, directives(node.directives), unionMembers(node.types)], " ")
        case .enumType(let node):
            wrap("", node.description.map(string), "\n")
                + join(["enum", node.name.value, directives(node.directives), block(node.values.map(enumValue))], " ")
        case .inputObjectType(let node):
            wrap("", node.description.map(string), "\n")
                + join(
                    ["input", node.name.value, directives(node.directives), block(node.fields.map(inputValue))],
                    " "
                )
        case .directive(let node):
            wrap("", node.description.map(string), "\n") + "directive @" + node.name.value
                + argumentDefinitions(node.arguments) + (node.repeatable ? " repeatable" : "") + " on "
                + join(node.locations.map(\.value), " | ")
        case .schemaExtension(let node):
            join(["extend schema", directives(node.directives), block(node.operationTypes.map(operationType))], " ")
        case .scalarTypeExtension(let node):
            join(["extend scalar", node.name.value, directives(node.directives)], " ")
        case .objectTypeExtension(let node):
            join(
                [
                    "extend type", node.name.value, implements(node.interfaces), directives(node.directives),
                    block(node.fields.map(fieldDefinition)),
                ],
                " "
            )
        case .interfaceTypeExtension(let node):
            join(
                [
                    "extend interface", node.name.value, implements(node.interfaces), directives(node.directives),
                    block(node.fields.map(fieldDefinition)),
                ],
                " "
            )
        case .unionTypeExtension(let node):
            join(["extend union", node.name.value, directives(node.directives), unionMembers(node.types)], " ")
        case .enumTypeExtension(let node):
            join(["extend enum", node.name.value, directives(node.directives), block(node.values.map(enumValue))], " ")
        case .inputObjectTypeExtension(let node):
            join(
                ["extend input", node.name.value, directives(node.directives), block(node.fields.map(inputValue))],
                " "
            )
        }
    }

    // MARK: Executable definitions

    static func operation(_ node: OperationDefinition) -> String {
        let variables = wrap("(", join(node.variableDefinitions.map(variableDefinition), ", "), ")")
        let prefix = join(
            [node.operation.rawValue, join([node.name?.value ?? "", variables]), directives(node.directives)],
            " "
        )
        // Anonymous queries with no directives or variable definitions can use the query short form.
        return (prefix == "query" ? "" : prefix + " ") + selectionSet(node.selectionSet)
    }

    static func variableDefinition(_ node: VariableDefinition) -> String {
        "$" + node.variable.name.value + ": " + type(node.type) + wrap(" = ", node.defaultValue.map(value))
            + wrap(" ", directives(node.directives))
    }

    static func selectionSet(_ node: SelectionSet) -> String {
        block(node.selections.map(selection))
    }

    static func selection(_ node: Selection) -> String {
        switch node {
        case .field(let field):
            let prefix = wrap("", field.alias?.value, ": ") + field.name.value
            let arguments = field.arguments.map(argument)
            var argumentsLine = prefix + wrap("(", join(arguments, ", "), ")")
            if argumentsLine.utf16.count > maxLineLength {
                argumentsLine = prefix + wrap("(\n", indent(join(arguments, "\n")), "\n)")
            }
            return join([argumentsLine, directives(field.directives), field.selectionSet.map(selectionSet) ?? ""], " ")
        case .fragmentSpread(let spread):
            return "..." + spread.name.value + wrap(" ", directives(spread.directives))
        case .inlineFragment(let fragment):
            return join(
                [
                    "...", wrap("on ", fragment.typeCondition?.name.value), directives(fragment.directives),
                    selectionSet(fragment.selectionSet),
                ],
                " "
            )
        }
    }

    static func fragment(_ node: FragmentDefinition) -> String {
        "fragment " + node.name.value + " on " + node.typeCondition.name.value + " "
            + wrap("", directives(node.directives), " ") + selectionSet(node.selectionSet)
    }

    static func argument(_ node: Argument) -> String {
        node.name.value + ": " + value(node.value)
    }

    static func directives(_ nodes: [Directive]) -> String {
        join(nodes.map { "@" + $0.name.value + wrap("(", join($0.arguments.map(argument), ", "), ")") }, " ")
    }

    // MARK: Values and types

    static func value(_ node: Value) -> String {
        switch node {
        case .variable(let variable): "$" + variable.name.value
        case .int(let int): int.value
        case .float(let float): float.value
        case .string(let string): Printer.string(string)
        case .boolean(let boolean): boolean.value ? "true" : "false"
        case .null: "null"
        case .enumValue(let enumValue): enumValue.value
        case .list(let list): "[" + join(list.values.map(value), ", ") + "]"
        case .object(let object): "{" + join(object.fields.map { $0.name.value + ": " + value($0.value) }, ", ") + "}"
        }
    }

    static func type(_ node: TypeReference) -> String {
        switch node {
        case .named(let named): named.name.value
        case .list(let list): "[" + type(list.type) + "]"
        case .nonNull(let nonNull): type(nonNull.type) + "!"
        }
    }

    // MARK: Type-system definitions

    static func operationType(_ node: OperationTypeDefinition) -> String {
        node.operation.rawValue + ": " + node.type.name.value
    }

    static func implements(_ interfaces: [NamedType]) -> String {
        wrap("implements ", join(interfaces.map(\.name.value), " & "))
    }

    static func unionMembers(_ types: [NamedType]) -> String {
        wrap("= ", join(types.map(\.name.value), " | "))
    }

    static func fieldDefinition(_ node: FieldDefinition) -> String {
        wrap("", node.description.map(string), "\n") + node.name.value + argumentDefinitions(node.arguments) + ": "
            + type(node.type) + wrap(" ", directives(node.directives))
    }

    /// Arguments on one line, or one per line when any of them spans several lines.
    static func argumentDefinitions(_ nodes: [InputValueDefinition]) -> String {
        let arguments = nodes.map(inputValue)
        if arguments.contains(where: { $0.utf8.contains(0x0A) }) {
            return wrap("(\n", indent(join(arguments, "\n")), "\n)")
        }
        return wrap("(", join(arguments, ", "), ")")
    }

    static func inputValue(_ node: InputValueDefinition) -> String {
        join(
            [
                wrap("", node.description.map(string), "\n") + node.name.value + ": " + type(node.type),
                wrap("= ", node.defaultValue.map(value)), directives(node.directives),
            ],
            " "
        )
    }

    static func enumValue(_ node: EnumValueDefinition) -> String {
        wrap("", node.description.map(string), "\n") + join([node.name.value, directives(node.directives)], " ")
    }

    // MARK: Strings

    static func string(_ node: StringValue) -> String {
        node.block ? blockString(node.value) : string(node.value)
    }

    /// graphql-js `printString`: escapes `"`, `\`, C0 and C1 controls and DEL.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x08: result += "\\b"
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case 0x0C: result += "\\f"
            case 0x0D: result += "\\r"
            case 0x00...0x1F, 0x7F...0x9F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// graphql-js `printBlockString`: leading and trailing new lines only where they help
    /// readability or are needed to read the value back unchanged.
    static func blockString(_ value: String) -> String {
        let escaped = replacing(value, "\"\"\"", "\\\"\"\"")
        let lines = splitLines(escaped)
        let isSingleLine = lines.count == 1
        let forceLeadingNewLine =
            lines.count > 1 && lines.dropFirst().allSatisfy { $0.isEmpty || isWhiteSpace($0.utf8.first) }
        let hasTrailingTripleQuotes = escaped.hasSuffix("\\\"\"\"")
        let hasTrailingQuote = value.hasSuffix("\"") && !hasTrailingTripleQuotes
        let hasTrailingSlash = value.hasSuffix("\\")
        let forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines =
            !isSingleLine || value.utf16.count > 70 || forceTrailingNewLine || forceLeadingNewLine
            || hasTrailingTripleQuotes
        var result = ""
        let skipLeadingNewLine = isSingleLine && isWhiteSpace(value.utf8.first)
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine {
            result += "\n"
        }
        result += escaped
        if printAsMultipleLines || forceTrailingNewLine {
            result += "\n"
        }
        return "\"\"\"" + result + "\"\"\""
    }

    private static func isWhiteSpace(_ byte: UInt8?) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// Splits on `\r\n`, `\n` and `\r`.
    private static func splitLines(_ value: String) -> [Substring] {
        let utf8 = value.utf8
        var lines: [Substring] = []
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(value[lineStart..<index])
                index = utf8.index(after: index)
                if byte == 0x0D && index < utf8.endIndex && utf8[index] == 0x0A {
                    index = utf8.index(after: index)
                }
                lineStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        lines.append(value[lineStart...])
        return lines
    }

    // MARK: Layout helpers (graphql-js `join`, `block`, `wrap`, `indent`)

    /// Joins the non-empty strings with a separator.
    static func join(_ parts: [String], _ separator: String = "") -> String {
        var result = ""
        var first = true
        for part in parts where !part.isEmpty {
            if !first { result += separator }
            result += part
            first = false
        }
        return result
    }

    /// `{`, the items indented one per line, `}`; nothing when there are no items.
    static func block(_ items: [String]) -> String {
        wrap("{\n", indent(join(items, "\n")), "\n}")
    }

    /// `start + string + end` when the string is non-empty, else nothing.
    static func wrap(_ start: String, _ string: String?, _ end: String = "") -> String {
        guard let string, !string.isEmpty else { return "" }
        return start + string + end
    }

    /// Indents every line by two spaces.
    static func indent(_ string: String) -> String {
        wrap("  ", replacing(string, "\n", "\n  "))
    }

    /// Replaces every occurrence of `target` (ASCII) with `replacement`.
    private static func replacing(_ string: String, _ target: String, _ replacement: String) -> String {
        let bytes = Array(string.utf8)
        let pattern = Array(target.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == pattern[0] && index + pattern.count <= bytes.count
                && bytes[index..<index + pattern.count].elementsEqual(pattern)
            {
                result.append(contentsOf: replacement.utf8)
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
