extension ValidationRule {
    /// Input Object Field Uniqueness: an input object literal gives each field once.
    /// See https://spec.graphql.org/October2021/#sec-Input-Object-Field-Uniqueness
    public static let uniqueInputFieldNames = ValidationRule(name: "UniqueInputFieldNames") { context in
        // The names seen in each enclosing object literal, innermost last.
        var knownNames: [[String: Name]] = []
        var visitor = ValidationVisitor()
        visitor.enterValue = { value in
            if case .object = value { knownNames.append([:]) }
        }
        visitor.leaveValue = { value in
            if case .object = value { knownNames.removeLast() }
        }
        visitor.enterObjectField = { field in
            let name = field.name
            if let first = knownNames[knownNames.count - 1][name.value] {
                context.report("There can be only one input field named \"\(name.value)\".", [first.loc, name.loc])
            } else {
                knownNames[knownNames.count - 1][name.value] = name
            }
        }
        return visitor
    }
}
