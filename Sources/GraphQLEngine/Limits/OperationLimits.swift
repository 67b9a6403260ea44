/// Bounds on what one operation may ask for. Depth, aliases, selections and introspection are
/// checked when a document is prepared (and cached with it); the cost is checked then too when it
/// does not depend on variables, otherwise when the operation runs with its variables.
///
/// Every count follows fragment spreads (a fragment counts once per spread); `__schema` and `__type`
/// count as one field whatever they select (their answers are bounded by the schema). Each exceeded limit is
/// one error whose `extensions.code` names it (`MAX_DEPTH_EXCEEDED`, `MAX_ALIASES_EXCEEDED`,
/// `MAX_SELECTIONS_EXCEEDED`, `MAX_COST_EXCEEDED`, `INTROSPECTION_DISABLED`).
public struct OperationLimits: Sendable, Hashable {
    /// The deepest field nesting (root fields are at depth 1). nil: no limit.
    public var maxDepth: Int?
    /// The most aliased fields. nil: no limit.
    public var maxAliases: Int?
    /// The most field selections. nil: no limit.
    public var maxSelections: Int?
    /// The highest cost (see ``OperationCost``). nil: no limit.
    public var maxCost: Int?
    /// Whether `__schema` and `__type` may be selected (`__typename` always may).
    public var introspection: Bool
    /// The number of items the cost model assumes for a list field without a `first` argument.
    public var assumedListSize: Int

    /// Creates limits; the defaults admit every normal FlightQL query with room to spare (the
    /// largest client document we know, a dashboard of the contract, has depth 7, 18 aliases, 300
    /// selections and cost 3,082) and refuse nesting and fan-out attacks.
    public init(
        maxDepth: Int? = 12,
        maxAliases: Int? = 30,
        maxSelections: Int? = 1_000,
        maxCost: Int? = 20_000,
        introspection: Bool = true,
        assumedListSize: Int = 10
    ) {
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxSelections = maxSelections
        self.maxCost = maxCost
        self.introspection = introspection
        self.assumedListSize = assumedListSize
    }

    /// No limit at all (introspection allowed).
    public static let unlimited = OperationLimits(
        maxDepth: nil,
        maxAliases: nil,
        maxSelections: nil,
        maxCost: nil
    )
}

/// The `extensions.code` values of the limit errors.
public enum LimitErrorCode {
    public static let depth = "MAX_DEPTH_EXCEEDED"
    public static let aliases = "MAX_ALIASES_EXCEEDED"
    public static let selections = "MAX_SELECTIONS_EXCEEDED"
    public static let cost = "MAX_COST_EXCEEDED"
    public static let tokens = "MAX_TOKENS_EXCEEDED"
    public static let introspection = "INTROSPECTION_DISABLED"
}

/// The cost of an operation, an estimate of the values it can produce: every selected field costs 1
/// plus its selection set's cost times its multiplier. A field with a `first` argument multiplies by
/// `first` (the literal, the variable's value, else the variable's or the argument's default); a list
/// field without one multiplies by ``OperationLimits/assumedListSize``, unless it lies on a page type
/// (the type of a field with a `first` argument, e.g. `FlightConnection.nodes`), whose lists are the
/// page that `first` already counted. `__typename` is free; `__schema` and `__type` cost 1.
///
/// Kept as an expression over the variables (a DAG: fragments are shared), folded to a constant
/// where no variable is involved.
public final class OperationCost: Sendable {
    /// Where a multiplier comes from.
    enum Multiplier: Sendable {
        case constant(Int)
        /// The value of variable `name`, or `fallback` when it is absent, null or not an integer.
        case variable(name: String, fallback: Int)
    }

    /// The part of the cost that does not depend on variables.
    let constant: Int
    /// The parts that do: each term's cost times its multiplier.
    let scaled: [(multiplier: Multiplier, term: OperationCost)]

    init(constant: Int, scaled: [(multiplier: Multiplier, term: OperationCost)]) {
        self.constant = constant
        self.scaled = scaled
    }

    /// The cost when it does not depend on variables.
    public var constantValue: Int? { scaled.isEmpty ? constant : nil }

    /// The cost with the request's variables (saturating at `Int.max`).
    public func value(variables: JSONObject?) -> Int {
        var memo: [ObjectIdentifier: Int] = [:]
        return evaluate(variables, &memo)
    }

    private func evaluate(_ variables: JSONObject?, _ memo: inout [ObjectIdentifier: Int]) -> Int {
        if let known = memo[ObjectIdentifier(self)] { return known }
        var total = constant
        for (multiplier, term) in scaled {
            let factor: Int
            switch multiplier {
            case .constant(let value): factor = value
            case .variable(let name, let fallback):
                if case .int(let value)? = variables?[name] { factor = max(0, value) } else { factor = fallback }
            }
            total = saturatingAdd(total, saturatingMultiply(factor, term.evaluate(variables, &memo)))
        }
        memo[ObjectIdentifier(self)] = total
        return total
    }
}

func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
}
