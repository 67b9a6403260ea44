public import Foundation

/// The time range of a data set, as `DateTime` strings chosen by the caller (e.g. `2013-01-01T05:00:00Z`).
public struct TrainingWindow: Codable, Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// The Gini importance of one feature.
public struct FeatureImportance: Codable, Sendable, Hashable {
    public var feature: String
    public var importance: Double
}

/// The versioned, self-contained JSON form of a trained model: what `flightql train` writes and
/// `flightql serve` loads.
public struct ModelArtifact: Codable, Sendable {
    /// The artifact layout version this code reads and writes.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// `cart-` followed by the FNV-1a 64-bit hash of the model's content (hyper-parameters, features,
    /// category encodings, tree) in hex: equal models have equal versions.
    public var modelVersion: String
    /// When training ran (ISO 8601, UTC).
    public var trainedAt: String
    public var trainingWindow: TrainingWindow
    public var evaluationWindow: TrainingWindow?
    public var trainingRows: Int
    public var hyperParameters: HyperParameters
    public var spec: FeatureSpec
    /// Per feature: the category strings by code (empty for numeric features).
    public var categories: [[String]]
    public var tree: DecisionTree
    public var trainingMetrics: EvaluationMetrics
    /// Metrics on the evaluation set (months 10–12 in the default split), when one was given.
    public var evaluationMetrics: EvaluationMetrics?
    /// Gini importances in spec order, normalised to sum 1.
    public var importances: [FeatureImportance]
    /// The training distribution of every feature, in spec order (for drift detection).
    public var references: [FeatureReference]

    /// Trains a tree on `training`, scores it on `training` and `evaluation` (which must have the same spec)
    /// and packs everything into an artifact. Throws `ModelArtifactError` (`.invalidTrainingInput`) for an empty
    /// training set, differing specs or invalid hyper-parameters.
    public static func train(
        training: TrainingSet,
        evaluation: TrainingSet?,
        parameters: HyperParameters = HyperParameters(),
        trainingWindow: TrainingWindow,
        evaluationWindow: TrainingWindow?,
        trainedAt: Date = Date()
    ) throws -> ModelArtifact {
        func invalid(_ message: String) -> ModelArtifactError { ModelArtifactError(.invalidTrainingInput, message) }
        guard training.count > 0 else { throw invalid("the training set is empty") }
        guard evaluation.map({ $0.spec == training.spec }) ?? true else {
            throw invalid("the evaluation set's features differ from the training set's")
        }
        guard parameters.maxDepth >= 0, parameters.minSamplesLeaf >= 1, parameters.minImpurityDecrease >= 0,
            parameters.minImpurityDecrease.isFinite
        else { throw invalid("max depth must be ≥ 0, min samples per leaf ≥ 1, min impurity decrease ≥ 0") }
        let fit = CARTTrainer.fit(training, parameters: parameters)
        let positiveRate = Double(training.labels.count { $0 }) / Double(training.count)
        var artifact = ModelArtifact(
            formatVersion: currentFormatVersion,
            modelVersion: "",
            trainedAt: trainedAt.formatted(.iso8601),
            trainingWindow: trainingWindow,
            evaluationWindow: evaluationWindow,
            trainingRows: training.count,
            hyperParameters: parameters,
            spec: training.spec,
            categories: training.categories,
            tree: fit.tree,
            trainingMetrics: EvaluationMetrics(
                rows: 0,
                positiveRate: 0,
                rocAUC: nil,
                accuracy: 0,
                logLoss: 0,
                majorityBaselineAccuracy: 0,
                baselineLogLoss: 0,
                delayMAE: 0,
                delayRMSE: 0
            ),
            evaluationMetrics: nil,
            importances: zip(training.spec.features, fit.importances).map {
                FeatureImportance(feature: $0.name, importance: $1)
            },
            references: FeatureReference.references(of: training)
        )
        artifact.modelVersion = try artifact.contentVersion()
        let predictor = DelayPredictor(artifact)
        func metrics(_ set: TrainingSet) -> EvaluationMetrics {
            let predictions = predictor.predict(set)
            return Metrics.evaluate(
                probabilities: predictions.probabilities,
                expectedDelays: predictions.expectedDelays,
                labels: set.labels,
                depDelays: set.depDelays,
                trainingPositiveRate: positiveRate
            )
        }
        artifact.trainingMetrics = metrics(training)
        if let evaluation, evaluation.count > 0 { artifact.evaluationMetrics = metrics(evaluation) }
        return artifact
    }
}

extension ModelArtifact {
    /// Decodes and validates an artifact.
    public init(jsonData: Data) throws {
        let decoded: ModelArtifact
        do {
            let version = try JSONDecoder().decode(FormatVersion.self, from: jsonData).formatVersion
            guard version == Self.currentFormatVersion else {
                throw ModelArtifactError(
                    .unsupportedFormatVersion,
                    "format version \(version) is not supported (expected \(Self.currentFormatVersion))"
                )
            }
            decoded = try JSONDecoder().decode(ModelArtifact.self, from: jsonData)
        } catch let error as ModelArtifactError {
            throw error
        } catch {
            throw ModelArtifactError(
                .invalidJSON,
                "the model artifact is not valid JSON of the expected shape: \(error)"
            )
        }
        try decoded.validate()
        self = decoded
    }

    /// The artifact as compact JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Throws `ModelArtifactError` with code `.invalidModel` unless the parts fit together: per-feature
    /// lists as long as the spec, a well-formed tree whose splits use features of the right kind, and
    /// category bit sets covering every category.
    public func validate() throws {
        func fail(_ message: String) -> ModelArtifactError { ModelArtifactError(.invalidModel, message) }
        let count = spec.count
        guard categories.count == count, references.count == count, importances.count == count else {
            throw fail("per-feature lists do not match the \(count) features")
        }
        for (index, feature) in spec.features.enumerated() {
            guard references[index].name == feature.name, references[index].kind == feature.kind,
                references[index].binCounts.reduce(0, +) + references[index].missingCount == references[index].rowCount
            else { throw fail("the reference of feature \(index) does not match '\(feature.name)'") }
            if feature.kind == .numeric && !categories[index].isEmpty {
                throw fail("numeric feature '\(feature.name)' has categories")
            }
        }
        if let violation = tree.invariantViolation(featureCount: count) { throw fail("tree: \(violation)") }
        for (index, node) in tree.nodes.enumerated() where !node.isLeaf {
            let feature = Int(node.feature)
            guard node.isCategorical == (spec.features[feature].kind == .categorical) else {
                throw fail("node \(index) splits '\(spec.features[feature].name)' as the wrong kind")
            }
            if node.isCategorical && Int(node.categoryWordCount) * 64 < categories[feature].count {
                throw fail("node \(index): the category bit set is too short")
            }
        }
    }

    /// `cart-` and the FNV-1a 64-bit hash of the JSON of the model's content.
    func contentVersion() throws -> String {
        struct Content: Encodable {
            var hyperParameters: HyperParameters
            var spec: FeatureSpec
            var categories: [[String]]
            var tree: DecisionTree
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try encoder.encode(
            Content(hyperParameters: hyperParameters, spec: spec, categories: categories, tree: tree)
        )
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "cart-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    private struct FormatVersion: Decodable {
        var formatVersion: Int
    }
}

/// Why an artifact could not be read or trained.
public struct ModelArtifactError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case invalidJSON = "invalid JSON"
            case unsupportedFormatVersion = "unsupported format version"
            case invalidModel = "invalid model"
            case invalidTrainingInput = "invalid training input"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The data is not JSON of the artifact's shape.
        public static let invalidJSON = Code(.invalidJSON)
        /// The artifact was written in a format this code does not read.
        public static let unsupportedFormatVersion = Code(.unsupportedFormatVersion)
        /// The parts of the artifact do not fit together.
        public static let invalidModel = Code(.invalidModel)
        /// `ModelArtifact.train` got an empty training set, sets with different features, or invalid
        /// hyper-parameters.
        public static let invalidTrainingInput = Code(.invalidTrainingInput)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What is wrong.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "model artifact: \(code): \(message)" }
}
