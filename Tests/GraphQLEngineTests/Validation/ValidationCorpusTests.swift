import GraphQLEngine
import Testing

@Suite struct ValidationCorpusTests {
    /// Every specified rule has documents it accepts and documents it rejects in the fixtures.
    @Test(arguments: specifiedRuleNames)
    func everyRuleHasValidAndInvalidCases(_ name: String) {
        let ruleCases = cases(name)
        #expect(ruleCases.contains { $0.errors.isEmpty })
        #expect(ruleCases.contains { !$0.errors.isEmpty })
    }

    @Test func theSpecifiedRulesAreGraphQLJSsInItsOrder() {
        #expect(specifiedRules.map(\.name) == specifiedRuleNames)
    }
}

/// graphql-js 16's `specifiedRules`, in order, without the `Rule` suffix.
let specifiedRuleNames = [
    "ExecutableDefinitions", "UniqueOperationNames", "LoneAnonymousOperation", "SingleFieldSubscriptions",
    "KnownTypeNames", "FragmentsOnCompositeTypes", "VariablesAreInputTypes", "ScalarLeafs", "FieldsOnCorrectType",
    "UniqueFragmentNames", "KnownFragmentNames", "NoUnusedFragments", "PossibleFragmentSpreads", "NoFragmentCycles",
    "UniqueVariableNames", "NoUndefinedVariables", "NoUnusedVariables", "KnownDirectives",
    "UniqueDirectivesPerLocation", "KnownArgumentNames", "UniqueArgumentNames", "ValuesOfCorrectType",
    "ProvidedRequiredArguments", "VariablesInAllowedPosition", "OverlappingFieldsCanBeMerged", "UniqueInputFieldNames",
]
