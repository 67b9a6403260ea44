import DelayModel
import Documents
import Foundation
import GraphQLEngine
import Relational

/// `Query.predictDelay`, `Flight.prediction`, `Query.model` and the fields of `DelayPrediction`,
/// `DecisionStep`, `ModelInfo`, `ModelMetrics` and `FeatureImportance` (the in-process tree).
enum ModelResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "predictDelay", .async { field in
            let context = try field.context
            let input = try DelayInput(field.arguments.value("input"))
            let predictor = try context.services.model.currentPredictor()
            let row: FeatureRow
            do {
                row = try await context.services.predictionFeatures.row(for: input)
            } catch let error as PredictionInputError {
                throw BadUserInput(error.message)
            }
            let result = PredictionResult(predictor.explain(row), modelVersion: predictor.artifact.modelVersion)
            context.services.documents?.predictions.log(
                PredictionRecord(
                    inputs: row.document(spec: predictor.artifact.spec), probability: result.probability,
                    modelVersion: result.modelVersion, time: Date()))
            return result
        })
        resolvers.add("Flight", "prediction", .batch { fields in
            guard let services = try fields.first?.context.services else { return [] }
            let flights: [Flight] = try fields.map { try $0.parent() }
            let predictor = try services.model.currentPredictor()
            let weather = try await services.database.weather(keys: Array(Set(flights.map(\.weatherKey))))
            return try flights.map { flight in
                let row = try services.predictionFeatures.features(of: flight, weather: weather[flight.weatherKey])
                return PredictionResult(predictor.explain(row), modelVersion: predictor.artifact.modelVersion)
            }
        })
        resolvers.add("Query", "model", .sync { field in
            try field.context.services.model.currentPredictor().artifact
        })

        resolvers.leaf("DelayPrediction", "probability") { (result: PredictionResult) in result.probability }
        resolvers.leaf("DelayPrediction", "delayed") { (result: PredictionResult) in result.probability >= 0.5 }
        resolvers.leaf("DelayPrediction", "expectedDelayMinutes") { (result: PredictionResult) in
            result.expectedDelayMinutes
        }
        resolvers.leaf("DelayPrediction", "modelVersion") { (result: PredictionResult) in result.modelVersion }
        resolvers.leaf("DelayPrediction", "explanation") { (result: PredictionResult) in result.steps }
        resolvers.leaf("DecisionStep", "feature") { (step: ExplanationStep) in step.feature }
        resolvers.leaf("DecisionStep", "value") { (step: ExplanationStep) in step.value }
        resolvers.leaf("DecisionStep", "condition") { (step: ExplanationStep) in step.condition }
        resolvers.leaf("DecisionStep", "satisfied") { (step: ExplanationStep) in step.satisfied }

        resolvers.leaf("ModelInfo", "version") { (model: ModelArtifact) in model.modelVersion }
        resolvers.leaf("ModelInfo", "trainedAt") { (model: ModelArtifact) in model.trainedAt }
        resolvers.leaf("ModelInfo", "trainingRows") { (model: ModelArtifact) in model.trainingRows }
        resolvers.leaf("ModelInfo", "trainingFrom") { (model: ModelArtifact) in model.trainingWindow.from }
        resolvers.leaf("ModelInfo", "trainingTo") { (model: ModelArtifact) in model.trainingWindow.to }
        resolvers.leaf("ModelInfo", "depth") { (model: ModelArtifact) in model.tree.depth }
        resolvers.leaf("ModelInfo", "leaves") { (model: ModelArtifact) in model.tree.leafCount }
        resolvers.leaf("ModelInfo", "features") { (model: ModelArtifact) in model.importances }
        resolvers.leaf("ModelInfo", "metrics") { (model: ModelArtifact) in
            model.evaluationMetrics ?? model.trainingMetrics
        }
        resolvers.leaf("ModelMetrics", "rocAuc") { (metrics: EvaluationMetrics) in metrics.rocAUC ?? 0.5 }
        resolvers.leaf("ModelMetrics", "accuracy") { (metrics: EvaluationMetrics) in metrics.accuracy }
        resolvers.leaf("ModelMetrics", "logLoss") { (metrics: EvaluationMetrics) in metrics.logLoss }
        resolvers.leaf("ModelMetrics", "baselineAccuracy") { (metrics: EvaluationMetrics) in
            metrics.majorityBaselineAccuracy
        }
        resolvers.leaf("ModelMetrics", "evaluationRows") { (metrics: EvaluationMetrics) in metrics.rows }
        resolvers.leaf("FeatureImportance", "feature") { (importance: DelayModel.FeatureImportance) in
            importance.feature
        }
        resolvers.leaf("FeatureImportance", "importance") { (importance: DelayModel.FeatureImportance) in
            importance.importance
        }
    }
}

/// A `DelayPrediction`: the tree's answer for one row and the path that produced it.
struct PredictionResult: Sendable {
    let probability: Double
    let expectedDelayMinutes: Double
    let modelVersion: String
    let steps: [ExplanationStep]

    init(_ explanation: Explanation, modelVersion: String) {
        probability = explanation.prediction.probability
        expectedDelayMinutes = explanation.prediction.expectedDelayMinutes
        self.modelVersion = modelVersion
        steps = explanation.steps
    }
}

extension DelayInput {
    /// The `DelayInput` input object (coerced by the engine).
    init(_ value: JSONValue?) throws {
        guard case .object(let input)? = value, let carrier = input["carrier"]?.stringValue,
            let origin = input["origin"]?.stringValue, let destination = input["destination"]?.stringValue,
            let scheduledDeparture = input["scheduledDeparture"]?.stringValue
        else { throw InternalError("DelayInput not coerced") }
        var weather: WeatherInput?
        if case .object(let given)? = input["weather"] {
            weather = WeatherInput(
                temperature: given["temperature"]?.doubleValue, humidity: given["humidity"]?.doubleValue,
                windSpeed: given["windSpeed"]?.doubleValue, precipitation: given["precipitation"]?.doubleValue,
                pressure: given["pressure"]?.doubleValue, visibility: given["visibility"]?.doubleValue)
        }
        self.init(
            carrier: carrier, origin: origin, destination: destination, scheduledDeparture: scheduledDeparture,
            distance: input["distance"]?.intValue, weather: weather)
    }
}

extension FeatureRow {
    /// The row as a BSON document keyed by feature name, for the prediction log.
    func document(spec: FeatureSpec) -> Documents.Document {
        var document = Documents.Document()
        for (feature, value) in zip(spec.features, values) {
            switch value {
            case .number(let number): document.append(feature.name, number.isNaN ? .null : .double(number))
            case .category(let category): document.append(feature.name, .string(category))
            case .missing: document.append(feature.name, .null)
            }
        }
        return document
    }
}

extension JSONValue {
    var doubleValue: Double? {
        switch self {
        case .double(let number): number
        case .int(let number): Double(number)
        default: nil
        }
    }
}
