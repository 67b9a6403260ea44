import DelayModel

/// A training set over `spec` from (values, delayed) pairs: delayed rows get a 30-minute delay, others 0.
func makeSet(_ spec: FeatureSpec, _ rows: [([FeatureValue], Bool)]) -> TrainingSet {
    var set = TrainingSet(spec: spec)
    for (values, delayed) in rows { set.append(FeatureRow(values), depDelay: delayed ? 30 : 0) }
    return set
}

/// A deterministic pseudo-random sequence (64-bit LCG) for test data.
struct TestRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }

    mutating func unit() -> Double { Double(next() % 1_000_000) / 1_000_000 }
}

/// A model artifact around a trained tree, for predictor tests.
func makeArtifact(_ set: TrainingSet, _ parameters: HyperParameters) throws -> ModelArtifact {
    try ModelArtifact.train(
        training: set,
        evaluation: nil,
        parameters: parameters,
        trainingWindow: TrainingWindow(from: "2013-01-01T05:00:00Z", to: "2013-10-01T04:00:00Z"),
        evaluationWindow: nil
    )
}
