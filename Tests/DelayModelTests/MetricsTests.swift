import DelayModel
import Testing

@Suite struct MetricsTests {
    @Test func aucOfHandComputedCases() {
        // scikit-learn's documentation example.
        #expect(Metrics.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]) == 0.75)
        // Pairs (positive, negative): (0.5, 0.1) 1, (0.5, 0.5) ½, (0.9, 0.1) 1, (0.9, 0.5) 1 → 3.5 / 4.
        #expect(Metrics.rocAUC(scores: [0.1, 0.5, 0.5, 0.9], labels: [false, true, false, true]) == 0.875)
        #expect(Metrics.rocAUC(scores: [0.3, 0.3, 0.3], labels: [true, false, true]) == 0.5)
        #expect(Metrics.rocAUC(scores: [0.9, 0.1], labels: [false, true]) == 0)
        #expect(Metrics.rocAUC(scores: [0.2, 0.4], labels: [true, true]) == nil)
    }

    @Test func logLossAndAccuracyOfHandComputedCases() {
        let loss = Metrics.logLoss(probabilities: [0.8, 0.25], labels: [true, false])
        #expect(abs(loss - 0.2554128118829953) < 1e-15)  // (−ln 0.8 − ln 0.75) / 2
        // A certain wrong answer is clipped at ε = 2^-52: −ln ε = 52 ln 2.
        let clipped = Metrics.logLoss(probabilities: [0], labels: [true])
        #expect(abs(clipped - 36.04365338911715) < 1e-12)
        #expect(Metrics.accuracy(probabilities: [0.5, 0.49, 0.9, 0.1], labels: [true, true, false, false]) == 0.5)
    }

    /// Values from `bench/ml/metrics_fixture.py` (scikit-learn 1.9.1): 40 rows with many tied scores.
    @Test func matchesScikitLearnFixture() {
        let labels = [
            false, false, false, true, true, false, true, false, false, false, true, true, true, false, false, false,
            false, false, false, false, true, true, false, true, true, false, false, false, false, false, false, true,
            true, true, false, true, false, true, false, true,
        ]
        let scores = [
            0.3, 0.3, 0.3, 0.4, 0.7, 0.6, 0.3, 0.5, 0.3, 0.1, 1.0, 0.9, 0.4, 0.3, 0.4, 0.3, 0.5, 0.3, 0.5, 0.7, 0.5,
            0.8, 0.2, 0.7, 0.4, 0.2, 0.3, 0.5, 0.6, 0.0, 0.1, 0.9, 0.2, 0.6, 0.3, 1.0, 0.5, 0.6, 0.2, 0.6,
        ]
        #expect(abs(Metrics.rocAUC(scores: scores, labels: labels)! - 0.8151041666666667) < 1e-12)
        #expect(abs(Metrics.logLoss(probabilities: scores, labels: labels) - 0.5009615852523647) < 1e-12)
        #expect(Metrics.accuracy(probabilities: scores, labels: labels) == 0.675)
    }

    @Test func evaluateReportsBaselinesAndDelayErrors() {
        let metrics = Metrics.evaluate(
            probabilities: [0.9, 0.2, 0.3, 0.1],
            expectedDelays: [30, 0, 10, -2],
            labels: [true, false, false, false],
            depDelays: [40, -4, 10, 0],
            trainingPositiveRate: 0.25
        )
        #expect(metrics.rows == 4 && metrics.positiveRate == 0.25)
        #expect(metrics.rocAUC == 1 && metrics.accuracy == 1)
        #expect(metrics.majorityBaselineAccuracy == 0.75)
        #expect(metrics.delayMAE == 4)  // (10 + 4 + 0 + 2) / 4
        #expect(metrics.delayRMSE == 30.0.squareRoot())  // (100 + 16 + 0 + 4) / 4
        #expect(abs(metrics.baselineLogLoss - 0.5623351446188083) < 1e-12)  // −(ln 0.25 + 3 ln 0.75) / 4
    }
}
