import DelayModel
import Testing

@Suite struct CARTTrainerTests {
    let xSpec = FeatureSpec([.numeric("x")])
    let exact = HyperParameters(maxDepth: 8, minSamplesLeaf: 1, excludedFeatures: [])

    @Test func learnsAThresholdExactly() throws {
        let set = makeSet(xSpec, (0..<10).map { ([.number(Double($0))], $0 > 3) })
        let fit = CARTTrainer.fit(set, parameters: exact)
        let root = fit.tree.nodes[0]
        #expect(root.feature == 0 && !root.isCategorical)
        #expect(root.threshold == 3.5)
        #expect(fit.tree.leafCount == 2)
        let predictor = DelayPredictor(try makeArtifact(set, exact))
        for x in [-5.0, 0, 3, 3.49, 3.5] { #expect(predictor.predict(FeatureRow([.number(x)])).probability == 0) }
        for x in [3.51, 4, 9, 100] { #expect(predictor.predict(FeatureRow([.number(x)])).probability == 1) }
    }

    @Test func learnsUnbalancedXorAtDepthTwo() throws {
        let spec = FeatureSpec([.numeric("a"), .numeric("b")])
        var rows: [([FeatureValue], Bool)] = []
        for (a, b, copies) in [(0.0, 0.0, 10), (0, 1, 20), (1, 0, 30), (1, 1, 45)] {
            rows += Array(repeating: ([.number(a), .number(b)], (a != b)), count: copies)
        }
        let set = makeSet(spec, rows)
        var parameters = exact
        parameters.maxDepth = 2
        let predictor = DelayPredictor(try makeArtifact(set, parameters))
        #expect(predictor.artifact.tree.depth == 2 && predictor.artifact.tree.leafCount == 4)
        for (values, delayed) in rows {
            #expect(predictor.predict(FeatureRow(values)).probability == (delayed ? 1 : 0))
        }
        parameters.maxDepth = 1
        let stump = DelayPredictor(try makeArtifact(set, parameters))
        #expect(stump.artifact.trainingMetrics.accuracy < 1)
    }

    /// The root split of a categorical feature equals the best of all 2^(k-1) - 1 subsets (brute force).
    @Test func findsTheOptimalCategorySubset() {
        let names = ["A", "B", "C", "D", "E", "F", "G"]
        var random = TestRandom(state: 42)
        var rows: [([FeatureValue], Bool)] = []
        for index in 0..<700 {
            let category = index % names.count
            let rate = [0.9, 0.1, 0.7, 0.3, 0.5, 0.2, 0.8][category]
            rows.append(([.category(names[category])], random.unit() < rate))
        }
        let set = makeSet(FeatureSpec([.categorical("c")]), rows)
        var parameters = exact
        parameters.maxDepth = 1
        let fit = CARTTrainer.fit(set, parameters: parameters)

        func weightedGini(_ inLeft: (Int) -> Bool) -> Double {
            var counts = [(rows: 0, positives: 0), (rows: 0, positives: 0)]
            for (code, label) in zip(set.codeColumns[0], set.labels) {
                let side = inLeft(Int(code)) ? 0 : 1
                counts[side].rows += 1
                counts[side].positives += label ? 1 : 0
            }
            return counts.reduce(0) { sum, side in
                let p = Double(side.positives) / Double(side.rows)
                return sum + Double(side.rows) * 2 * p * (1 - p)
            }
        }
        var best = Double.infinity
        for mask in 1..<(1 << (names.count - 1)) {  // subsets without the last code: each partition once
            best = min(best, weightedGini { mask & (1 << $0) != 0 })
        }
        let left = Set(fit.tree.leftCategoryCodes(of: fit.tree.nodes[0], categoryCount: names.count))
        #expect(fit.tree.nodes[0].isCategorical)
        #expect(abs(weightedGini { left.contains($0) } - best) < 1e-9)
        // The optimal partition by construction: rates ≥ 0.7 against rates ≤ 0.5.
        let high = Set([0, 2, 6])
        #expect(left == high || left == Set(0..<names.count).subtracting(high))
    }

    @Test func respectsMinSamplesLeafAndMaxDepth() {
        var random = TestRandom(state: 7)
        let spec = FeatureSpec([.numeric("x"), .numeric("y")])
        let rows: [([FeatureValue], Bool)] = (0..<500).map { _ in
            let x = random.unit()
            let y = random.unit()
            return ([.number(x), .number(y)], random.unit() < x * y)
        }
        let set = makeSet(spec, rows)
        let parameters = HyperParameters(maxDepth: 4, minSamplesLeaf: 37, excludedFeatures: [])
        let tree = CARTTrainer.fit(set, parameters: parameters).tree
        #expect(tree.leafCount > 4)
        #expect(tree.depth <= 4)
        for node in tree.nodes where node.isLeaf { #expect(node.samples >= 37) }
        // The children's rows add up to the parent's.
        for node in tree.nodes where !node.isLeaf {
            #expect(tree.nodes[Int(node.left)].samples + tree.nodes[Int(node.right)].samples == node.samples)
        }
    }

    @Test func minImpurityDecreaseStopsWeakSplits() {
        let set = makeSet(xSpec, (0..<100).map { ([.number(Double($0))], $0 % 10 == 0 || $0 > 90) })
        let loose = CARTTrainer.fit(set, parameters: exact)
        var parameters = exact
        parameters.minImpurityDecrease = 0.05
        let strict = CARTTrainer.fit(set, parameters: parameters)
        #expect(strict.tree.leafCount < loose.tree.leafCount)
        parameters.minImpurityDecrease = 1
        #expect(CARTTrainer.fit(set, parameters: parameters).tree.leafCount == 1)
    }

    @Test func learnsWhereMissingValuesGo() throws {
        // x > 5 is delayed, and so is every row without x: missing values must go with the high side.
        var rows: [([FeatureValue], Bool)] = (0..<10).map { ([.number(Double($0))], $0 > 5) }
        rows += Array(repeating: ([FeatureValue.number(.nan)], true), count: 3)
        let set = makeSet(xSpec, rows)
        let predictor = DelayPredictor(try makeArtifact(set, exact))
        let root = predictor.artifact.tree.nodes[0]
        #expect(root.threshold == 5.5 && !root.missingGoesLeft)
        #expect(predictor.predict(FeatureRow([.missing])).probability == 1)
        #expect(predictor.predict(FeatureRow([.number(.nan)])).probability == 1)

        // The same with missing rows on the low side.
        var low: [([FeatureValue], Bool)] = (0..<10).map { ([.number(Double($0))], $0 > 5) }
        low += Array(repeating: ([FeatureValue.missing], false), count: 3)
        let lowPredictor = DelayPredictor(try makeArtifact(makeSet(xSpec, low), exact))
        #expect(lowPredictor.artifact.tree.nodes[0].missingGoesLeft)
        #expect(lowPredictor.predict(FeatureRow([.missing])).probability == 0)
    }

    @Test func missingAndUnseenValuesFollowTheLargerChildWhenTrainingHadNone() throws {
        // Numeric: 7 rows left of the threshold, 3 right.
        let numeric = makeSet(xSpec, (0..<10).map { ([.number(Double($0))], $0 > 6) })
        let numericPredictor = DelayPredictor(try makeArtifact(numeric, exact))
        #expect(numericPredictor.predict(FeatureRow([.missing])).probability == 0)
        // Categorical: "A" and "B" (8 rows) against "C" (2 rows); "Z" was never seen.
        let categorical = makeSet(
            FeatureSpec([.categorical("c")]),
            [
                ("A", false), ("A", false), ("A", false), ("A", false), ("B", false), ("B", false), ("B", false),
                ("B", false), ("C", true), ("C", true),
            ].map { ([.category($0)], $1) }
        )
        let predictor = DelayPredictor(try makeArtifact(categorical, exact))
        #expect(predictor.predict(FeatureRow([.category("Z")])).probability == 0)
        #expect(predictor.predict(FeatureRow([.missing])).probability == 0)
        #expect(predictor.predict(FeatureRow([.category("C")])).probability == 1)
    }

    @Test func excludedFeaturesAreNeverSplit() {
        let spec = FeatureSpec([.numeric("month"), .numeric("x")])
        var random = TestRandom(state: 3)
        let rows: [([FeatureValue], Bool)] = (0..<300).map { index in
            let month = Double(index % 9 + 1)
            return ([.number(month), .number(random.unit())], month > 4)
        }
        let fit = CARTTrainer.fit(makeSet(spec, rows), parameters: HyperParameters(minSamplesLeaf: 5))
        #expect(fit.tree.nodes.allSatisfy { $0.feature != 0 })
        #expect(fit.importances[0] == 0)
    }

    @Test func isDeterministicAndImportancesSumToOne() throws {
        var random = TestRandom(state: 11)
        let spec = FeatureSpec([.numeric("x"), .categorical("c"), .numeric("y")])
        let rows: [([FeatureValue], Bool)] = (0..<2_000).map { _ in
            let x = random.unit()
            let category = ["EV", "AA", "UA", "DL", "B6"][Int(random.next() % 5)]
            let y = random.next() % 10 == 0 ? Double.nan : random.unit()
            let delayed = random.unit() < (category == "EV" ? 0.5 : 0.2) + 0.3 * x
            return ([.number(x), .category(category), .number(y)], delayed)
        }
        let set = makeSet(spec, rows)
        let parameters = HyperParameters(maxDepth: 5, minSamplesLeaf: 20, excludedFeatures: [])
        let first = try makeArtifact(set, parameters)
        let second = try makeArtifact(set, parameters)
        #expect(first.tree == second.tree)
        #expect(first.modelVersion == second.modelVersion)
        #expect(first.modelVersion.hasPrefix("cart-") && first.modelVersion.count == 21)
        #expect(abs(first.importances.reduce(0) { $0 + $1.importance } - 1) < 1e-12)
        #expect(first.importances.allSatisfy { $0.importance >= 0 })
    }

    @Test func binsManyDistinctValues() {
        // 5,000 distinct values in 16 bins: thresholds still separate the training rows exactly.
        let set = makeSet(xSpec, (0..<5_000).map { ([.number(Double($0) * 0.001)], $0 >= 2_500) })
        let parameters = HyperParameters(maxDepth: 3, minSamplesLeaf: 1, maxBins: 16, excludedFeatures: [])
        let fit = CARTTrainer.fit(set, parameters: parameters)
        #expect(fit.tree.nodes[0].threshold > 2.499 && fit.tree.nodes[0].threshold < 2.5)
        #expect(fit.tree.leafCount == 2)
    }

    @Test func regressionHeadIsTheLeafMeanDelay() throws {
        var set = TrainingSet(spec: xSpec)
        for (x, delay) in [(1.0, -5.0), (2, 5), (3, 10), (10, 40), (11, 60), (12, 80)] {
            set.append(FeatureRow([.number(x)]), depDelay: delay)
        }
        let predictor = DelayPredictor(try makeArtifact(set, exact))
        #expect(predictor.predict(FeatureRow([.number(2)])).expectedDelayMinutes == 10.0 / 3)
        #expect(predictor.predict(FeatureRow([.number(11)])).expectedDelayMinutes == 60)
        #expect(predictor.artifact.tree.nodes[0].meanDelay == 190.0 / 6)
    }
}
