import DelayModel
import GraphQLEngine

/// `Query.drift` and the fields of `DriftReport`, `FeatureDrift` and `HistogramBin`.
enum DriftResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "drift", .async { field in
            let context = try field.context
            let window: DriftWindow
            do {
                let arguments = field.arguments.object("window")
                window = try DriftWindow(
                    source: arguments?["source"]?.stringValue ?? DriftSource.flightStatus.rawValue,
                    from: arguments?["from"]?.stringValue,
                    to: arguments?["to"]?.stringValue)
            } catch let error as DriftServiceError {
                throw BadUserInput(error.message)
            }
            let artifact = try context.services.model.currentPredictor().artifact
            do {
                return try await context.services.drift.report(window: window, artifact: artifact)
            } catch let error as DriftServiceError where error.code == .invalidWindow {
                throw BadUserInput(error.message)
            }
        })
        resolvers.leaf("DriftReport", "referenceRows") { (report: DriftResult) in report.referenceRows }
        resolvers.leaf("DriftReport", "currentRows") { (report: DriftResult) in report.currentRows }
        resolvers.leaf("DriftReport", "from") { (report: DriftResult) in report.from.map(DateTimeText.format) }
        resolvers.leaf("DriftReport", "to") { (report: DriftResult) in report.to.map(DateTimeText.format) }
        resolvers.leaf("DriftReport", "driftShare") { (report: DriftResult) in report.driftShare }
        resolvers.leaf("DriftReport", "driftDetected") { (report: DriftResult) in report.driftDetected }
        resolvers.leaf("DriftReport", "features") { (report: DriftResult) in report.features }

        resolvers.leaf("FeatureDrift", "feature") { (drift: FeatureDriftResult) in drift.feature }
        resolvers.leaf("FeatureDrift", "kind") { (drift: FeatureDriftResult) in drift.kind.rawValue }
        resolvers.leaf("FeatureDrift", "method") { (drift: FeatureDriftResult) in drift.method }
        resolvers.leaf("FeatureDrift", "statistic") { (drift: FeatureDriftResult) in drift.statistic ?? 0 }
        resolvers.leaf("FeatureDrift", "pValue") { (drift: FeatureDriftResult) in drift.pValue }
        resolvers.leaf("FeatureDrift", "psi") { (drift: FeatureDriftResult) in drift.psi }
        resolvers.leaf("FeatureDrift", "drifted") { (drift: FeatureDriftResult) in drift.drifted }
        resolvers.leaf("FeatureDrift", "histogram") { (drift: FeatureDriftResult) in drift.histogram }
        resolvers.leaf("HistogramBin", "label") { (bin: DriftHistogramBin) in bin.label }
        resolvers.leaf("HistogramBin", "referenceShare") { (bin: DriftHistogramBin) in bin.referenceShare }
        resolvers.leaf("HistogramBin", "currentShare") { (bin: DriftHistogramBin) in bin.currentShare }
    }
}
