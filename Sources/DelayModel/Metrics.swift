import Foundation  // log

/// Scores of the model on a labelled set.
public struct EvaluationMetrics: Codable, Sendable, Hashable {
    /// The number of rows scored.
    public var rows: Int
    /// The share of delayed rows.
    public var positiveRate: Double
    /// The area under the ROC curve of the probability (`nil` when the set has only one class).
    public var rocAUC: Double?
    /// The accuracy of predicting "delayed" when the probability is at least 0.5.
    public var accuracy: Double
    /// The mean log loss of the probability, clipped as scikit-learn does.
    public var logLoss: Double
    /// The accuracy of always predicting the training set's majority class.
    public var majorityBaselineAccuracy: Double
    /// The log loss of always predicting the training set's share of delayed rows.
    public var baselineLogLoss: Double
    /// The mean absolute error in minutes of the expected delay (the regression head).
    public var delayMAE: Double
    /// The root mean squared error in minutes of the expected delay.
    public var delayRMSE: Double
}

/// Classification metrics over (probability, label) pairs.
public enum Metrics {
    /// The exact area under the ROC curve: the Mann–Whitney statistic with average ranks for tied scores
    /// (equal to scikit-learn's `roc_auc_score`). `nil` when `labels` holds only one class.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double? {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let positives = labels.count { $0 }
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positiveRankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + 1 + end) / 2  // ranks start..<end are 1-based start+1 ... end
            for position in start..<end where labels[order[position]] { positiveRankSum += averageRank }
            start = end
        }
        let p = Double(positives)
        return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// The mean negative log-likelihood, with probabilities clipped to [ε, 1 − ε], ε = `Double.ulpOfOne`
    /// (scikit-learn's `log_loss` on float64 input).
    public static func logLoss(probabilities: [Double], labels: [Bool]) -> Double {
        precondition(probabilities.count == labels.count && !labels.isEmpty, "invalid input")
        var total = 0.0
        for (probability, label) in zip(probabilities, labels) {
            let clipped = min(max(probability, Double.ulpOfOne), 1 - Double.ulpOfOne)
            total -= label ? log(clipped) : log(1 - clipped)
        }
        return total / Double(labels.count)
    }

    /// The share of rows where `probability >= 0.5` matches the label.
    public static func accuracy(probabilities: [Double], labels: [Bool]) -> Double {
        precondition(probabilities.count == labels.count && !labels.isEmpty, "invalid input")
        return Double(zip(probabilities, labels).count { ($0 >= 0.5) == $1 }) / Double(labels.count)
    }

    /// All metrics for predictions on a labelled set; the baselines use the training set's share of
    /// delayed rows, `trainingPositiveRate`.
    public static func evaluate(
        probabilities: [Double],
        expectedDelays: [Double],
        labels: [Bool],
        depDelays: [Double],
        trainingPositiveRate: Double
    ) -> EvaluationMetrics {
        let rows = Double(labels.count)
        var absoluteError = 0.0
        var squaredError = 0.0
        for (expected, actual) in zip(expectedDelays, depDelays) {
            absoluteError += abs(expected - actual)
            squaredError += (expected - actual) * (expected - actual)
        }
        let majority = trainingPositiveRate >= 0.5
        return EvaluationMetrics(
            rows: labels.count,
            positiveRate: Double(labels.count { $0 }) / rows,
            rocAUC: rocAUC(scores: probabilities, labels: labels),
            accuracy: accuracy(probabilities: probabilities, labels: labels),
            logLoss: logLoss(probabilities: probabilities, labels: labels),
            majorityBaselineAccuracy: Double(labels.count { $0 == majority }) / rows,
            baselineLogLoss: logLoss(
                probabilities: [Double](repeating: trainingPositiveRate, count: labels.count),
                labels: labels
            ),
            delayMAE: absoluteError / rows,
            delayRMSE: (squaredError / rows).squareRoot()
        )
    }
}
