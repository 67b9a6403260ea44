#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The current (live) values of one feature over the window, row-aligned with the other features.
public enum FeatureValues: Sendable {
    /// Numbers; NaN marks a missing value.
    case numeric([Double])
    /// Categories; nil marks a missing value.
    case categorical([String?])

    var count: Int {
        switch self {
        case .numeric(let values): values.count
        case .categorical(let values): values.count
        }
    }
}

/// The test or distance that decides whether a feature drifted (Evidently's defaults).
public enum DriftMethod: String, Codable, Sendable, Hashable {
    /// Wasserstein-1 distance over the reference population standard deviation; drift when ≥ 0.1.
    case wasserstein
    /// Jensen–Shannon distance (natural log) on the PSI bins; drift when ≥ 0.1.
    case jensenShannon = "jensenshannon"
    /// Two-sample Kolmogorov–Smirnov test; drift when p < 0.05.
    case ks
    /// Chi-square test of homogeneity on the PSI bins; drift when p < 0.05.
    case chi2
}

/// One bar pair of a feature's histogram.
public struct HistogramBin: Codable, Sendable, Hashable {
    /// "(10.5, 14.0]", "(-inf, 3.0]", "(14.0, +inf)", a category, "other" (categories unseen in the reference) or
    /// "missing".
    public let label: String
    /// The share of reference rows in the bin.
    public let referenceShare: Double
    /// The share of current rows in the bin.
    public let currentShare: Double
}

/// The verdict on one feature.
public struct FeatureDrift: Codable, Sendable, Hashable {
    /// The feature name, as in the model.
    public let name: String
    /// Numeric or categorical.
    public let kind: FeatureKind
    /// The deciding method.
    public let method: DriftMethod
    /// The method's statistic (normalised distance, KS D, chi-square); nil only for a numeric feature without a
    /// single non-missing value on one side.
    public let statistic: Double?
    /// The p-value, for `ks` and `chi2`.
    public let pValue: Double?
    /// The threshold the verdict used: the distance at or above which, or the p-value below which, it drifts.
    public let threshold: Double
    /// The population stability index on the histogram bins.
    public let psi: Double
    /// Whether the feature drifted.
    public let drifted: Bool
    /// Reference and current shares per bin, the missing bin last (present when either side has missing values).
    public let histogram: [HistogramBin]
}

/// Why a drift report could not be computed (extensible: switch on `code`).
public struct DriftError: Error, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case missingReference, missingCurrentValues, kindMismatch, rowCountMismatch, invalidReference
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A feature has no reference distribution.
        public static let missingReference = Code(.missingReference)
        /// A feature has no current values.
        public static let missingCurrentValues = Code(.missingCurrentValues)
        /// A feature's current values are not of the kind of its reference.
        public static let kindMismatch = Code(.kindMismatch)
        /// The current columns differ in length.
        public static let rowCountMismatch = Code(.rowCountMismatch)
        /// A stored reference contradicts itself (a damaged artifact).
        public static let invalidReference = Code(.invalidReference)

        /// A short phrase naming the failure.
        public var description: String {
            switch value {
            case .missingReference: "no reference distribution"
            case .missingCurrentValues: "no current values"
            case .kindMismatch: "current values of the wrong kind"
            case .rowCountMismatch: "current columns of different lengths"
            case .invalidReference: "inconsistent reference distribution"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// The feature concerned.
    public let feature: String

    /// "drift: feature NAME: PHRASE".
    public var description: String { "drift: feature \(feature): \(code)" }
}

/// Per-feature drift of a current window against the training reference, and the dataset verdict.
public struct DriftReport: Codable, Sendable, Hashable {
    /// Reference rows (the training rows).
    public let referenceRows: Int
    /// Current rows in the window; 0 for an empty window, which has no features and no drift.
    public let currentRows: Int
    /// The share of features that drifted.
    public let driftShare: Double
    /// Whether at least `datasetDriftShare` of the features drifted.
    public let driftDetected: Bool
    /// One verdict per feature, in the order asked for; empty when the window is empty.
    public let features: [FeatureDrift]

    /// Above this many reference rows the verdict uses distances (Wasserstein, Jensen–Shannon), else tests.
    public static let largeReferenceRows = 1000
    /// The distance threshold (drift when ≥).
    public static let distanceThreshold = 0.1
    /// The p-value threshold (drift when <).
    public static let pValueThreshold = 0.05
    /// The share of drifted features at or above which the dataset drifts.
    public static let datasetDriftShare = 0.5

    /// Compares the current window with the stored reference, feature by feature.
    ///
    /// - Parameters:
    ///   - reference: The stored reference of each feature (from the model artifact).
    ///   - current: The window's values of each feature, all of the same length.
    ///   - features: The features to compare, in report order.
    /// - Throws: `DriftError` when a feature lacks a reference or values, kinds disagree, columns differ in length,
    ///   or a reference is inconsistent.
    public init(
        reference: [String: ReferenceDistribution],
        current: [String: FeatureValues],
        features: [String]
    ) throws(DriftError) {
        var rows: Int?
        var referenceRows = 0
        for name in features {
            guard let stored = reference[name] else { throw DriftError(code: .missingReference, feature: name) }
            guard stored.isConsistent else { throw DriftError(code: .invalidReference, feature: name) }
            guard let values = current[name] else { throw DriftError(code: .missingCurrentValues, feature: name) }
            switch (stored.kind, values) {
            case (.numeric, .numeric), (.categorical, .categorical): break
            default: throw DriftError(code: .kindMismatch, feature: name)
            }
            if let rows, rows != values.count { throw DriftError(code: .rowCountMismatch, feature: name) }
            rows = values.count
            referenceRows = max(referenceRows, stored.rowCount)
        }
        let currentRows = rows ?? 0
        var verdicts: [FeatureDrift] = []
        if currentRows > 0 {
            verdicts.reserveCapacity(features.count)
            for name in features {
                guard let stored = reference[name], let values = current[name] else { continue }
                switch values {
                case .numeric(let numbers): verdicts.append(Self.numericDrift(name, stored, numbers))
                case .categorical(let categories): verdicts.append(Self.categoricalDrift(name, stored, categories))
                }
            }
        }
        let drifted = verdicts.filter(\.drifted).count
        self.referenceRows = referenceRows
        self.currentRows = currentRows
        self.features = verdicts
        driftShare = verdicts.isEmpty ? 0 : Double(drifted) / Double(verdicts.count)
        driftDetected = !verdicts.isEmpty && driftShare >= Self.datasetDriftShare
    }

    // MARK: - Per feature

    private static func numericDrift(
        _ name: String,
        _ reference: ReferenceDistribution,
        _ values: [Double]
    ) -> FeatureDrift {
        var present: [Double] = []
        present.reserveCapacity(values.count)
        for value in values where !value.isNaN { present.append(value) }
        present.sort()
        let currentMissing = values.count - present.count

        var labels = numericLabels(reference.edges)
        var referenceCounts = reference.binCounts
        var currentCounts = ReferenceDistribution.binCounts(sorted: present, edges: reference.edges)
        if reference.missingCount > 0 || currentMissing > 0 {
            labels.append(missingLabel)
            referenceCounts.append(reference.missingCount)
            currentCounts.append(currentMissing)
        }
        let histogram = makeHistogram(labels, referenceCounts, reference.rowCount, currentCounts, values.count)
        let psi = DriftStatistics.populationStabilityIndex(
            referenceShares: histogram.map(\.referenceShare),
            currentShares: histogram.map(\.currentShare)
        )
        let usesDistance = reference.rowCount > largeReferenceRows
        let method: DriftMethod = usesDistance ? .wasserstein : .ks
        let threshold = usesDistance ? distanceThreshold : pValueThreshold
        guard let ecdf = reference.ecdf, ecdf.count > 0, !present.isEmpty,
            let standardDeviation = reference.standardDeviation
        else {
            // One side has no value at all: the feature drifted if the other side has some.
            let drifted = (reference.ecdf?.count ?? 0 > 0) != !present.isEmpty
            return FeatureDrift(
                name: name,
                kind: .numeric,
                method: method,
                statistic: nil,
                pValue: nil,
                threshold: threshold,
                psi: psi,
                drifted: drifted,
                histogram: histogram
            )
        }
        if usesDistance {
            let distance = DriftStatistics.wassersteinDistance(reference: ecdf, currentSorted: present)
            let normalised = distance / max(standardDeviation, minimumStandardDeviation)
            return FeatureDrift(
                name: name,
                kind: .numeric,
                method: method,
                statistic: normalised,
                pValue: nil,
                threshold: threshold,
                psi: psi,
                drifted: normalised >= threshold,
                histogram: histogram
            )
        }
        let test = DriftStatistics.kolmogorovSmirnov(reference: ecdf, currentSorted: present)
        return FeatureDrift(
            name: name,
            kind: .numeric,
            method: method,
            statistic: test.statistic,
            pValue: test.pValue,
            threshold: threshold,
            psi: psi,
            drifted: test.pValue < threshold,
            histogram: histogram
        )
    }

    private static func categoricalDrift(
        _ name: String,
        _ reference: ReferenceDistribution,
        _ values: [String?]
    ) -> FeatureDrift {
        var index: [String: Int] = [:]
        index.reserveCapacity(reference.categories.count)
        for (position, category) in reference.categories.enumerated() { index[category] = position }
        var currentCounts = [Int](repeating: 0, count: reference.categories.count)
        var unseen = 0
        var missing = 0
        for value in values {
            guard let value else {
                missing += 1
                continue
            }
            if let position = index[value] { currentCounts[position] += 1 } else { unseen += 1 }
        }
        var labels = reference.categories
        var referenceCounts = reference.binCounts
        if unseen > 0 {
            labels.append(otherLabel)
            referenceCounts.append(0)
            currentCounts.append(unseen)
        }
        if reference.missingCount > 0 || missing > 0 {
            labels.append(missingLabel)
            referenceCounts.append(reference.missingCount)
            currentCounts.append(missing)
        }
        let histogram = makeHistogram(labels, referenceCounts, reference.rowCount, currentCounts, values.count)
        let referenceShares = histogram.map(\.referenceShare)
        let currentShares = histogram.map(\.currentShare)
        let psi = DriftStatistics.populationStabilityIndex(
            referenceShares: referenceShares,
            currentShares: currentShares
        )
        if reference.rowCount > largeReferenceRows {
            let distance = DriftStatistics.jensenShannonDistance(referenceShares, currentShares)
            return FeatureDrift(
                name: name,
                kind: .categorical,
                method: .jensenShannon,
                statistic: distance,
                pValue: nil,
                threshold: distanceThreshold,
                psi: psi,
                drifted: distance >= distanceThreshold,
                histogram: histogram
            )
        }
        let test = DriftStatistics.chiSquareHomogeneity(reference: referenceCounts, current: currentCounts)
        return FeatureDrift(
            name: name,
            kind: .categorical,
            method: .chi2,
            statistic: test.statistic,
            pValue: test.pValue,
            threshold: pValueThreshold,
            psi: psi,
            drifted: test.pValue < pValueThreshold,
            histogram: histogram
        )
    }

    // MARK: - Helpers

    /// The floor of the Wasserstein normaliser (Evidently's).
    private static let minimumStandardDeviation = 0.001
    private static let missingLabel = "missing"
    private static let otherLabel = "other"

    private static func makeHistogram(
        _ labels: [String],
        _ referenceCounts: [Int],
        _ referenceRows: Int,
        _ currentCounts: [Int],
        _ currentRows: Int
    ) -> [HistogramBin] {
        (0..<labels.count).map { i in
            HistogramBin(
                label: labels[i],
                referenceShare: referenceRows > 0 ? Double(referenceCounts[i]) / Double(referenceRows) : 0,
                currentShare: Double(currentCounts[i]) / Double(currentRows)
            )
        }
    }

    /// "(-inf, e1]", "(e1, e2]", …, "(ek, +inf)"; "(-inf, +inf)" without edges.
    static func numericLabels(_ edges: [Double]) -> [String] {
        let bounds = ["-inf"] + edges.map(formatEdge) + ["+inf"]
        return (0..<(bounds.count - 1)).map { i in
            i == bounds.count - 2 ? "(\(bounds[i]), \(bounds[i + 1]))" : "(\(bounds[i]), \(bounds[i + 1])]"
        }
    }

    /// An edge rounded to 6 significant digits, printed in Swift's shortest form ("14.0", "1013.35").
    static func formatEdge(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return "\(value)" }
        let scale = pow(10, 5 - log10(abs(value)).rounded(.down))
        return "\((value * scale).rounded() / scale)"
    }
}
