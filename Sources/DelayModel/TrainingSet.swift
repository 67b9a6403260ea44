/// The label threshold: a flight is delayed when its departure delay exceeds this many minutes.
public let delayThresholdMinutes = 15.0

/// Labelled rows stored by column: numeric features as `[Double]` (`NaN` = missing), categorical features
/// as `Int32` codes (`-1` = missing) into a per-feature list of category strings (first-seen order).
/// Used for training and for evaluation alike.
public struct TrainingSet: Sendable {
    /// The features of every row.
    public let spec: FeatureSpec
    /// Per feature index: the values of a numeric feature, empty for a categorical one.
    public private(set) var numericColumns: [[Double]]
    /// Per feature index: the codes of a categorical feature (`-1` = missing), empty for a numeric one.
    public private(set) var codeColumns: [[Int32]]
    /// Per feature index: code → category string of a categorical feature, empty for a numeric one.
    public private(set) var categories: [[String]]
    /// The departure delay in minutes of each row (the regression target).
    public private(set) var depDelays: [Double] = []
    /// Whether each row is delayed (`depDelay > delayThresholdMinutes`, the classification label).
    public private(set) var labels: [Bool] = []
    private var codeOfCategory: [[String: Int32]]

    /// An empty set for rows of `spec`.
    public init(spec: FeatureSpec) {
        self.spec = spec
        numericColumns = Array(repeating: [], count: spec.count)
        codeColumns = Array(repeating: [], count: spec.count)
        categories = Array(repeating: [], count: spec.count)
        codeOfCategory = Array(repeating: [:], count: spec.count)
    }

    /// The number of rows.
    public var count: Int { labels.count }

    /// Appends a row with its departure delay in minutes (cancelled flights must not be passed).
    /// `row.values` must follow `spec`; a value of the wrong kind is stored as missing.
    public mutating func append(_ row: FeatureRow, depDelay: Double) {
        precondition(row.values.count == spec.count, "row has \(row.values.count) values, spec has \(spec.count)")
        for (index, feature) in spec.features.enumerated() {
            let value = row.values[index]
            switch feature.kind {
            case .numeric:
                if case .number(let number) = value {
                    numericColumns[index].append(number)
                } else {
                    numericColumns[index].append(.nan)
                }
            case .categorical:
                if case .category(let name) = value {
                    codeColumns[index].append(code(for: name, feature: index))
                } else {
                    codeColumns[index].append(-1)
                }
            }
        }
        depDelays.append(depDelay)
        labels.append(depDelay > delayThresholdMinutes)
    }

    private mutating func code(for name: String, feature: Int) -> Int32 {
        if let code = codeOfCategory[feature][name] { return code }
        let code = Int32(categories[feature].count)
        categories[feature].append(name)
        codeOfCategory[feature][name] = code
        return code
    }
}
