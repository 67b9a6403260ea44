/// The report as the text `flightql drift` prints: a heading line, one table row per feature (feature, kind,
/// method, statistic, p-value, PSI, drifted) and the dataset verdict.
public func renderDriftTable(_ report: DriftResult) -> String {
    var lines = [
        "drift of \(report.source.argument) \(DriftText.window(from: report.from, to: report.to))",
        "reference: \(report.referenceRows) training rows of model \(report.modelVersion); "
            + "current: \(report.currentRows) rows",
    ]
    if !report.features.isEmpty {
        let header = ["feature", "kind", "method", "statistic", "p-value", "PSI", "drifted"]
        let rows = report.features.map { feature in
            [
                feature.feature, feature.kind.rawValue.lowercased(), feature.method,
                DriftText.number(feature.statistic), DriftText.number(feature.pValue), DriftText.number(feature.psi),
                feature.drifted ? "yes" : "no",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = row.enumerated().map { column, cell in
                // Text columns (feature, kind, method, drifted) align left, numbers right; no trailing spaces.
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if (3...5).contains(column) { return padding + cell }
                return column == row.count - 1 ? cell : cell + padding
            }
            lines.append(cells.joined(separator: "  "))
        }
    }
    lines.append("dataset: " + DriftText.datasetVerdict(report))
    return lines.joined(separator: "\n")
}
