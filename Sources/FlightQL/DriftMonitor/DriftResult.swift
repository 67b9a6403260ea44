import Drift

/// A drift report in the shape of the GraphQL contract's `DriftReport`, field for field (plus the source, the
/// model version and each feature's threshold, which the page and the CLI show).
public struct DriftResult: Sendable, Hashable {
    /// Where the current rows came from.
    public let source: DriftSource
    /// The window's inclusive start, Unix seconds; nil = unbounded (the contract's `from: DateTime`).
    public let from: Int64?
    /// The window's exclusive end, Unix seconds; nil = unbounded (the contract's `to: DateTime`).
    public let to: Int64?
    /// The version of the model whose training data is the reference.
    public let modelVersion: String
    /// Training rows.
    public let referenceRows: Int
    /// Rows in the window; 0 for an empty window, which has no features and no drift.
    public let currentRows: Int
    /// The share of features that drifted.
    public let driftShare: Double
    /// Whether at least `datasetDriftShare` of the features drifted.
    public let driftDetected: Bool
    /// One verdict per feature, in `DriftService.featureNames` order; empty for an empty window.
    public let features: [FeatureDriftResult]

    /// The share of drifted features at or above which the dataset drifts (0.5).
    public static let datasetDriftShare = DriftReport.datasetDriftShare

    init(_ report: DriftReport, window: DriftWindow, modelVersion: String) {
        source = window.source
        from = window.from
        to = window.to
        self.modelVersion = modelVersion
        referenceRows = report.referenceRows
        currentRows = report.currentRows
        driftShare = report.driftShare
        driftDetected = report.driftDetected
        features = report.features.map(FeatureDriftResult.init)
    }
}

/// The contract's `FeatureKind`.
public enum DriftFeatureKind: String, Sendable, Hashable {
    case numerical = "NUMERICAL"
    case categorical = "CATEGORICAL"
}

/// The verdict on one feature, in the shape of the contract's `FeatureDrift`.
public struct FeatureDriftResult: Sendable, Hashable {
    /// The feature name, as in the model.
    public let feature: String
    /// Numerical or categorical.
    public let kind: DriftFeatureKind
    /// The deciding method: `wasserstein`, `jensenshannon` (more than 1,000 reference rows), `ks` or `chi2`.
    public let method: String
    /// The method's statistic (normalised Wasserstein distance, Jensen–Shannon distance, KS D or chi-square). nil
    /// only when one side has no non-missing value at all (the feature then drifted iff the other side has some);
    /// the contract's `statistic: Float!` cannot carry that case.
    public let statistic: Double?
    /// The p-value, for `ks` and `chi2`.
    public let pValue: Double?
    /// The distance at or above which (`wasserstein`, `jensenshannon`), or the p-value below which (`ks`, `chi2`),
    /// the feature drifts.
    public let threshold: Double
    /// The population stability index over the reference bins.
    public let psi: Double
    /// Whether the feature drifted.
    public let drifted: Bool
    /// Reference and current shares per bin.
    public let histogram: [DriftHistogramBin]

    /// Whether the method decides by a p-value (drift when below the threshold) rather than a distance.
    public var usesPValue: Bool { method == DriftMethod.ks.rawValue || method == DriftMethod.chi2.rawValue }

    init(_ drift: FeatureDrift) {
        feature = drift.name
        kind = drift.kind == .numeric ? .numerical : .categorical
        method = drift.method.rawValue
        statistic = drift.statistic
        pValue = drift.pValue
        threshold = drift.threshold
        psi = drift.psi
        drifted = drift.drifted
        histogram = drift.histogram.map {
            DriftHistogramBin(label: $0.label, referenceShare: $0.referenceShare, currentShare: $0.currentShare)
        }
    }
}

/// One bar pair of a feature's histogram, the contract's `HistogramBin`.
public struct DriftHistogramBin: Sendable, Hashable {
    /// `(-inf, 3.0]`, `(3.0, 7.5]`, `(14.0, +inf)`, a category, `other` (categories unseen in training) or
    /// `missing`.
    public let label: String
    /// The share of reference rows in the bin.
    public let referenceShare: Double
    /// The share of current rows in the bin.
    public let currentShare: Double
}
