extension ValidationRule {
    /// Fragments Must Be Used: every fragment is spread by some operation, directly or through
    /// other fragments. See https://spec.graphql.org/October2021/#sec-Fragments-Must-Be-Used
    public static let noUnusedFragments = ValidationRule(name: "NoUnusedFragments") { context in
        var visitor = ValidationVisitor()
        visitor.leaveDocument = { document in
            var used: Set<String> = []
            for case .operation(let operation) in document.definitions {
                for fragment in context.recursivelyReferencedFragments(operation) {
                    used.insert(fragment.name.value)
                }
            }
            for case .fragment(let fragment) in document.definitions where !used.contains(fragment.name.value) {
                context.report("Fragment \"\(fragment.name.value)\" is never used.", fragment.loc)
            }
        }
        return visitor
    }
}
