import DelayModel
import Foundation
import Testing

@Suite struct ModelArtifactTests {
    /// A small flight-delay set: late departures and Envoy (EV) flights are delayed more often.
    static func flights() -> TrainingSet {
        var random = TestRandom(state: 5)
        var set = TrainingSet(spec: .flightDelay)
        let carriers = ["EV", "AA", "UA", "DL"]
        for _ in 0..<3_000 {
            let hour = 5 + Int(random.next() % 18)
            let carrier = carriers[Int(random.next() % 4)]
            let humid = random.next() % 20 == 0 ? nil : 30 + 70 * random.unit()
            let chance = 0.05 + Double(hour - 5) / 30 + (carrier == "EV" ? 0.2 : 0)
            let row = FeatureRow.flight(
                month: 1 + Int(random.next() % 9),
                dayOfWeek: 1 + Int(random.next() % 7),
                schedDepHour: hour,
                carrier: carrier,
                origin: ["EWR", "JFK", "LGA"][Int(random.next() % 3)],
                dest: "ATL",
                distance: 746,
                temp: 20 + 60 * random.unit(),
                humid: humid,
                windSpeed: 10,
                precip: 0,
                pressure: 1_013,
                visib: 10
            )
            set.append(row, depDelay: random.unit() < chance ? 45 : -3)
        }
        return set
    }

    static func artifact() throws -> ModelArtifact {
        try makeArtifact(flights(), HyperParameters(maxDepth: 4, minSamplesLeaf: 30))
    }

    @Test func roundTripsThroughJSON() throws {
        let artifact = try Self.artifact()
        let data = try artifact.jsonData()
        let decoded = try ModelArtifact(jsonData: data)
        #expect(decoded.tree == artifact.tree)
        #expect(decoded.spec == .flightDelay && decoded.categories == artifact.categories)
        #expect(decoded.modelVersion == artifact.modelVersion && decoded.trainedAt == artifact.trainedAt)
        #expect(decoded.references == artifact.references && decoded.trainingMetrics == artifact.trainingMetrics)
        #expect(decoded.hyperParameters == artifact.hyperParameters && decoded.trainingRows == 3_000)
        #expect(try decoded.jsonData() == data)
        let set = Self.flights()
        #expect(
            DelayPredictor(decoded).predict(set).probabilities == DelayPredictor(artifact).predict(set).probabilities
        )
    }

    /// Scoring a whole set (codes translated to the model's) agrees with predicting row by row, unseen categories
    /// and missing values included.
    @Test func batchAndSingleRowPredictionsAgree() throws {
        let predictor = DelayPredictor(try Self.artifact())
        var evaluation = TrainingSet(spec: .flightDelay)
        var rows: [FeatureRow] = []
        for (index, carrier) in ["DL", "ZZ", "EV", "AA", "UA", "EV", "QQ", "DL"].enumerated() {
            let row = FeatureRow.flight(
                month: 11,
                dayOfWeek: 1 + index % 7,
                schedDepHour: 5 + 2 * index,
                carrier: carrier,
                origin: index % 3 == 0 ? "XXX" : "JFK",
                dest: "ATL",
                distance: 746,
                temp: 40,
                humid: index % 2 == 0 ? nil : 95,
                windSpeed: 10,
                precip: 0,
                pressure: 1_013,
                visib: 10
            )
            rows.append(row)
            evaluation.append(row, depDelay: 0)
        }
        let batch = predictor.predict(evaluation)
        #expect(batch.probabilities == rows.map { predictor.predict($0).probability })
        #expect(batch.expectedDelays == rows.map { predictor.predict($0).expectedDelayMinutes })
        #expect(Set(batch.probabilities).count > 1)
    }

    @Test func rejectsBrokenArtifactsWithAClearError() throws {
        let data = try Self.artifact().jsonData()
        let notJSON = #expect(throws: ModelArtifactError.self) { try ModelArtifact(jsonData: Data("{\"tree\":".utf8)) }
        #expect(notJSON?.code == .invalidJSON)

        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["formatVersion"] = 99
        let future = #expect(throws: ModelArtifactError.self) {
            try ModelArtifact(jsonData: JSONSerialization.data(withJSONObject: object))
        }
        #expect(future?.code == .unsupportedFormatVersion)
        #expect(future?.description.contains("format version 99") == true)

        object["formatVersion"] = 1
        var tree = try #require(object["tree"] as? [String: Any])
        var nodes = try #require(tree["nodes"] as? [[String: Any]])
        nodes[0]["left"] = 0  // a cycle
        tree["nodes"] = nodes
        object["tree"] = tree
        let cyclic = #expect(throws: ModelArtifactError.self) {
            try ModelArtifact(jsonData: JSONSerialization.data(withJSONObject: object))
        }
        #expect(cyclic?.code == .invalidModel)
        #expect(cyclic?.message.contains("node 0") == true)
    }

    @Test func refusesInvalidTrainingInput() throws {
        let empty = #expect(throws: ModelArtifactError.self) {
            try makeArtifact(TrainingSet(spec: .flightDelay), HyperParameters())
        }
        #expect(empty?.code == .invalidTrainingInput)
        let badLeaf = #expect(throws: ModelArtifactError.self) {
            try makeArtifact(Self.flights(), HyperParameters(minSamplesLeaf: 0))
        }
        #expect(badLeaf?.code == .invalidTrainingInput)
        let mismatch = #expect(throws: ModelArtifactError.self) {
            try ModelArtifact.train(
                training: Self.flights(),
                evaluation: TrainingSet(spec: FeatureSpec([.numeric("x")])),
                trainingWindow: TrainingWindow(from: "a", to: "b"),
                evaluationWindow: nil
            )
        }
        #expect(mismatch?.code == .invalidTrainingInput)
    }

    @Test func explainsTheRootToLeafPath() throws {
        let predictor = DelayPredictor(try Self.artifact())
        let row = FeatureRow.flight(
            month: 11,
            dayOfWeek: 5,
            schedDepHour: 20,
            carrier: "EV",
            origin: "EWR",
            dest: "SFO",
            distance: 2_565,
            temp: nil,
            humid: nil,
            windSpeed: nil,
            precip: nil,
            pressure: nil,
            visib: nil
        )
        let explanation = predictor.explain(row)
        #expect(explanation.prediction == predictor.predict(row))
        #expect(!explanation.steps.isEmpty)
        let tree = predictor.artifact.tree
        var node = tree.nodes[0]
        for step in explanation.steps {
            let feature = predictor.artifact.spec.features[Int(node.feature)]
            #expect(step.feature == feature.name)
            #expect(step.condition.hasPrefix(feature.name + (node.isCategorical ? " " : " <= ")))
            node = tree.nodes[Int(step.satisfied ? node.left : node.right)]
        }
        #expect(node.isLeaf && node.probability == explanation.prediction.probability)
        let first = try #require(explanation.steps.first)
        #expect(first.feature == "sched_dep_hour" && first.value == "20" && !first.satisfied)
        #expect(
            first.condition.range(of: #"^sched_dep_hour <= \d+\.5( or missing)?$"#, options: .regularExpression) != nil
        )
    }

    @Test func explainsCategoricalAndMissingConditions() throws {
        let spec = FeatureSpec([.categorical("carrier"), .numeric("temp")])
        var rows: [([FeatureValue], Bool)] = []
        for (carrier, delayed) in [("EV", true), ("FL", true), ("AA", false), ("DL", false), ("UA", false)] {
            rows += Array(repeating: ([.category(carrier), .number(50)], delayed), count: 10)
        }
        for carrier in ["AA", "DL", "UA"] { rows.append(([.category(carrier), .missing], true)) }
        let set = makeSet(spec, rows)
        let predictor = DelayPredictor(try makeArtifact(set, HyperParameters(maxDepth: 2, minSamplesLeaf: 1)))
        let root = predictor.explain(FeatureRow([.category("EV"), .number(50)])).steps[0]
        // AA, DL, UA (33 rows) go left and, being the larger side, take unseen carriers too: so the condition
        // names the other side.
        #expect(root.condition == "carrier not in {EV, FL}" && root.value == "EV" && !root.satisfied)
        let unseen = predictor.explain(FeatureRow([.category("XX"), .missing]))
        #expect(unseen.steps[0].satisfied)
        let temp = unseen.steps[1]
        // Missing temperatures were all delayed in training: they go right, away from the 50s.
        #expect(temp.feature == "temp" && temp.value == "missing" && !temp.satisfied)
        #expect(temp.condition == "temp <= 50")
        #expect(unseen.prediction.probability == 1)
    }

    @Test func referenceDistributionsMatchNumpy() throws {
        // Values from bench/ml/metrics_fixture.py (numpy.quantile, linear), plus two missing values.
        let column = [3.5, -1.0, 2.0, .nan, 2.0, 10.25, 7.0, 0.5, 4.0, 9.0, .nan, 6.5]
        let reference = FeatureReference.numeric(name: "x", column: column)
        #expect(
            reference.deciles == [
                0.35000000000000003, 1.7000000000000002, 2.0, 2.9000000000000004, 3.75, 4.999999999999998, 6.65, 7.4,
                9.125,
            ]
        )
        #expect(reference.rowCount == 12 && reference.missingCount == 2)
        #expect(abs(reference.mean! - 4.375) < 1e-12 && abs(reference.standardDeviation! - 3.512922572445911) < 1e-12)
        #expect(reference.edges == reference.deciles)
        // (-inf, 0.35]: -1; (0.35, 1.7]: 0.5; (1.7, 2]: 2, 2; (2, 2.9]: none; (2.9, 3.75]: 3.5; (3.75, 5]: 4;
        // (5, 6.65]: 6.5; (6.65, 7.4]: 7; (7.4, 9.125]: 9; (9.125, inf): 10.25.
        #expect(reference.binCounts == [1, 1, 2, 0, 1, 1, 1, 1, 1, 1])
        #expect(reference.binShares[2] == 2.0 / 12 && reference.missingShare == 2.0 / 12)
        let ecdf = try #require(reference.ecdf)
        #expect(ecdf.count == 10 && ecdf.values == [-1, 0.5, 2, 3.5, 4, 6.5, 7, 9, 10.25])
        #expect(ecdf.countBelow == [0, 1, 2, 4, 5, 6, 7, 8, 9])
        #expect(ecdf.countAtOrBelow == [1, 2, 4, 5, 6, 7, 8, 9, 10])

        let categorical = FeatureReference.categorical(
            name: "carrier",
            codes: [0, 1, 1, -1, 2, 1],
            categories: ["UA", "AA", "EV"]
        )
        #expect(categorical.categories == ["AA", "EV", "UA"] && categorical.binCounts == [3, 1, 1])
        #expect(categorical.missingCount == 1 && categorical.binShares == [0.5, 1.0 / 6, 1.0 / 6])
    }

    /// Beyond 1,000 distinct values the ECDF keeps at most about 1,000 knots, the extremes among them.
    @Test func ecdfSummaryIsBounded() {
        let sorted = (0..<10_000).map { Double($0) / 7 }
        let ecdf = ECDFSummary(sorted: sorted)
        #expect(ecdf.values.count <= ECDFSummary.maxKnots + 1 && ecdf.values.count >= ECDFSummary.maxKnots / 2)
        #expect(ecdf.values.first == 0 && ecdf.values.last == sorted.last && ecdf.countAtOrBelow.last == 10_000)
        let gaps = zip(ecdf.countAtOrBelow, ecdf.countBelow.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { $0 < 10 })  // fewer than n / maxKnots values between consecutive knots
    }

    @Test func artifactCarriesEveryFeatureReference() throws {
        let artifact = try Self.artifact()
        #expect(artifact.references.map(\.name) == FeatureSpec.flightDelay.features.map(\.name))
        let carrier = artifact.references[3]
        #expect(carrier.kind == .categorical && carrier.binCounts.reduce(0, +) == 3_000)
        let humid = artifact.references[8]
        #expect(humid.missingCount > 0 && abs(humid.binShares.reduce(0, +) + humid.missingShare - 1) < 1e-12)
        #expect(humid.ecdf?.count == 3_000 - humid.missingCount)
        #expect(try artifact.jsonData().count < 1_000_000)
    }
}
