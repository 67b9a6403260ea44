import Foundation

/// The `GET /drift` page for a computed report: a self-contained HTML document (inline CSS and SVG, no script, no
/// external resource) with the window, the dataset verdict, a summary table, and per feature an SVG bar chart of
/// reference vs current shares per histogram bin with the method, statistic, threshold, p-value, PSI and verdict.
/// A form chooses the window again through the query parameters `source`, `from` and `to`.
///
/// - Parameters:
///   - report: The report to show.
///   - window: The window the form shows (the one the report was computed for).
public func renderDriftPage(report: DriftResult, window: DriftWindow) -> String {
    var body = DriftPageHTML.form(window)
    body += "<p class=\"meta\">Source <b>\(report.source.rawValue)</b>, scheduled departures "
    body += "\(DriftPageHTML.escape(DriftText.window(from: report.from, to: report.to))); "
    body += "reference: \(report.referenceRows) training rows of model "
    body += "<code>\(DriftPageHTML.escape(report.modelVersion))</code>; current: \(report.currentRows) rows.</p>\n"
    body += "<p class=\"verdict \(report.driftDetected ? "drifted" : "stable")\">"
    body += DriftPageHTML.escape(DriftText.datasetVerdict(report)) + "</p>\n"
    if !report.features.isEmpty {
        body += DriftPageHTML.summaryTable(report.features)
        for feature in report.features { body += DriftPageHTML.section(feature) }
    }
    return DriftPageHTML.document(title: "FlightQL drift: \(report.source.rawValue)", body: body)
}

/// The `GET /drift` page when no report could be computed (an invalid query, an unavailable source, a missing
/// model): the message and the form, prefilled with `window` when there is one.
public func renderDriftErrorPage(message: String, window: DriftWindow?) -> String {
    let body =
        DriftPageHTML.form(window ?? DriftWindow(source: .flights))
        + "<p class=\"verdict error\">\(DriftPageHTML.escape(message))</p>\n"
    return DriftPageHTML.document(title: "FlightQL drift", body: body)
}

/// Text shared by the page and the command line.
enum DriftText {
    /// "from 2013-10-01T04:00:00Z to 2014-01-01T05:00:00Z", with "the beginning" / "the end" for open bounds.
    static func window(from: Int64?, to: Int64?) -> String {
        "from \(from.map(dateTime) ?? "the beginning") to \(to.map(dateTime) ?? "the end")"
    }

    /// An RFC 3339 UTC date-time for Unix seconds.
    static func dateTime(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }

    /// "No dataset drift: 3 of 13 features drifted (23.1%), below the 50% rule." and the like.
    static func datasetVerdict(_ report: DriftResult) -> String {
        guard !report.features.isEmpty else { return "The window holds no rows: nothing to compare, no drift." }
        let drifted = report.features.count { $0.drifted }
        let share = percent(report.driftShare)
        let rule = percent(DriftResult.datasetDriftShare)
        return report.driftDetected
            ? "Dataset drift: \(drifted) of \(report.features.count) features drifted (\(share)), at or above the "
                + "\(rule) rule."
            : "No dataset drift: \(drifted) of \(report.features.count) features drifted (\(share)), below the "
                + "\(rule) rule."
    }

    /// "drift when ≥ 0.1" or "drift when p < 0.05".
    static func rule(_ feature: FeatureDriftResult) -> String {
        feature.usesPValue ? "drift when p < \(number(feature.threshold))" : "drift when ≥ \(number(feature.threshold))"
    }

    /// Four significant digits ("0.2345", "1.23e-05"); "n/a" for nil.
    static func number(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.4g", value)
    }

    /// "23.1%".
    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}

/// The page's HTML pieces.
private enum DriftPageHTML {
    static let referenceColour = "#4e79a7"
    static let currentColour = "#e8762c"

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in element content and quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem auto;
          max-width: 72rem; padding: 0 1rem; color: #1d232a; background: #fff; }
        h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
        h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
        form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .75rem;
          background: #f3f5f7; border-radius: 6px; }
        label { display: flex; flex-direction: column; font-size: .8rem; color: #4a5560; }
        input, select, button { font: inherit; padding: .25rem .4rem; }
        .verdict { font-size: 1.05rem; font-weight: 600; padding: .5rem .75rem; border-radius: 6px; }
        .verdict.stable { background: #e6f4ea; color: #1e5b2e; }
        .verdict.drifted, .verdict.error { background: #fdecea; color: #8a1c12; }
        table { border-collapse: collapse; margin: .75rem 0; }
        th, td { padding: .2rem .6rem; border-bottom: 1px solid #dde2e6; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.drifted td:last-child, .badge.drifted { color: #8a1c12; font-weight: 600; }
        .badge { font-size: .8rem; padding: .05rem .4rem; border-radius: 4px; background: #e6f4ea; color: #1e5b2e; }
        .badge.drifted { background: #fdecea; }
        section { margin: 1.25rem 0; padding-top: .5rem; border-top: 1px solid #dde2e6; }
        .facts { margin: 0 0 .4rem; color: #4a5560; }
        .chart { overflow-x: auto; }
        svg text { font: 11px system-ui, sans-serif; fill: #4a5560; }
        svg .axis { stroke: #8a949c; stroke-width: 1; }
        svg .grid { stroke: #e3e7ea; stroke-width: 1; }
        svg .ref { fill: \(referenceColour); }
        svg .cur { fill: \(currentColour); }
        </style>
        </head>
        <body>
        <h1>Feature drift against the training reference</h1>
        \(body)</body>
        </html>

        """
    }

    static func form(_ window: DriftWindow) -> String {
        var options = ""
        for source in DriftSource.allCases {
            let selected = source == window.source ? " selected" : ""
            options += "<option value=\"\(source.rawValue)\"\(selected)>\(source.rawValue)</option>"
        }
        let from = window.from.map(DriftText.dateTime) ?? ""
        let to = window.to.map(DriftText.dateTime) ?? ""
        return """
            <form method="get">
            <label>Source <select name="source">\(options)</select></label>
            <label>From (RFC 3339, inclusive) <input name="from" value="\(escape(from))" \
            placeholder="2013-10-01T04:00:00Z"></label>
            <label>To (exclusive) <input name="to" value="\(escape(to))" placeholder="2014-01-01T05:00:00Z"></label>
            <button type="submit">Compare</button>
            </form>

            """
    }

    static func summaryTable(_ features: [FeatureDriftResult]) -> String {
        var rows = ""
        for feature in features {
            rows +=
                "<tr class=\"\(feature.drifted ? "drifted" : "stable")\"><td><a href=\"#f-\(escape(feature.feature))\">"
            rows += "\(escape(feature.feature))</a></td><td>\(feature.kind.rawValue.lowercased())</td>"
            rows += "<td>\(escape(feature.method))</td><td class=\"num\">\(DriftText.number(feature.statistic))</td>"
            rows +=
                "<td>\(escape(DriftText.rule(feature)))</td><td class=\"num\">\(DriftText.number(feature.pValue))</td>"
            rows += "<td class=\"num\">\(DriftText.number(feature.psi))</td>"
            rows += "<td>\(feature.drifted ? "drifted" : "no drift")</td></tr>\n"
        }
        return """
            <table>
            <thead><tr><th>feature</th><th>kind</th><th>method</th><th>statistic</th><th>threshold</th>\
            <th>p-value</th><th>PSI</th><th>verdict</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    static func section(_ feature: FeatureDriftResult) -> String {
        let name = escape(feature.feature)
        let verdict = feature.drifted ? "drifted" : "no drift"
        var html = "<section id=\"f-\(name)\" class=\"feature\">\n"
        html += "<h2>\(name) <span class=\"badge\(feature.drifted ? " drifted" : "")\">\(verdict)</span></h2>\n"
        html += "<p class=\"facts\">\(feature.kind.rawValue.lowercased()) · method \(escape(feature.method)) · "
        html += "statistic \(DriftText.number(feature.statistic)) (\(escape(DriftText.rule(feature)))) · "
        html += "p-value \(DriftText.number(feature.pValue)) · PSI \(DriftText.number(feature.psi)) · "
        html += "<b>\(verdict)</b></p>\n"
        html += "<div class=\"chart\">\(chart(feature))</div>\n</section>\n"
        return html
    }

    /// A grouped bar chart: per bin a reference bar and a current bar, a share axis with grid lines, rotated bin
    /// labels, axis titles and a legend.
    static func chart(_ feature: FeatureDriftResult) -> String {
        let bins = feature.histogram
        let group: Double = bins.count <= 12 ? 44 : bins.count <= 30 ? 24 : 14
        let barWidth = (group - 4) / 2
        let (left, right, top, plotHeight, bottom) = (60.0, 16.0, 34.0, 170.0, 110.0)
        let width = max(360, left + Double(bins.count) * group + right)
        let height = top + plotHeight + bottom
        let axisMax = niceMaximum(bins.map { max($0.referenceShare, $0.currentShare) }.max() ?? 0)
        func y(_ share: Double) -> Double { top + plotHeight * (1 - min(share, axisMax) / axisMax) }
        let name = escape(feature.feature)

        var svg = "<svg class=\"drift-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(format(width))\" "
        svg += "height=\"\(format(height))\" viewBox=\"0 0 \(format(width)) \(format(height))\" role=\"img\">"
        svg += "<title>\(name): reference vs current share per bin</title>"
        // Legend.
        svg += "<rect class=\"key ref\" x=\"\(format(left))\" y=\"8\" width=\"12\" height=\"12\"/>"
        svg += "<text x=\"\(format(left + 17))\" y=\"18\">reference (training)</text>"
        svg += "<rect class=\"key cur\" x=\"\(format(left + 150))\" y=\"8\" width=\"12\" height=\"12\"/>"
        svg += "<text x=\"\(format(left + 167))\" y=\"18\">current (window)</text>"
        // Share axis: five ticks with grid lines.
        for step in 0...4 {
            let share = axisMax * Double(step) / 4
            let tickY = format(y(share))
            svg += "<line class=\"grid\" x1=\"\(format(left))\" x2=\"\(format(width - right))\" y1=\"\(tickY)\" "
            svg += "y2=\"\(tickY)\"/><text x=\"\(format(left - 6))\" y=\"\(tickY)\" dy=\"4\" text-anchor=\"end\">"
            svg += "\(String(format: "%g", (share * 1000).rounded() / 10))%</text>"
        }
        svg += "<text transform=\"rotate(-90)\" x=\"\(format(-(top + plotHeight / 2)))\" y=\"14\" "
        svg += "text-anchor=\"middle\">share of rows</text>"
        // Bars and bin labels.
        for (index, bin) in bins.enumerated() {
            let x = left + Double(index) * group + 2
            let label = escape(bin.label)
            for (kind, share, offset) in [("ref", bin.referenceShare, 0.0), ("cur", bin.currentShare, barWidth)] {
                let barTop = y(share)
                svg += "<rect class=\"bar \(kind)\" x=\"\(format(x + offset))\" y=\"\(format(barTop))\" "
                svg += "width=\"\(format(barWidth))\" height=\"\(format(top + plotHeight - barTop))\">"
                svg += "<title>\(label): \(kind == "ref" ? "reference" : "current") \(DriftText.percent(share))"
                svg += "</title></rect>"
            }
            let labelX = format(x + barWidth)
            let labelY = format(top + plotHeight + 12)
            svg += "<text class=\"bin\" x=\"\(labelX)\" y=\"\(labelY)\" text-anchor=\"end\" "
            svg += "transform=\"rotate(-45 \(labelX) \(labelY))\">\(escape(shortened(bin.label)))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(format(left))\" x2=\"\(format(width - right))\" "
        svg += "y1=\"\(format(top + plotHeight))\" y2=\"\(format(top + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(format(left))\" x2=\"\(format(left))\" y1=\"\(format(top))\" "
        svg += "y2=\"\(format(top + plotHeight))\"/>"
        svg += "<text x=\"\(format((left + width - right) / 2))\" y=\"\(format(height - 6))\" "
        svg += "text-anchor=\"middle\">\(name) bin</text></svg>"
        return svg
    }

    /// The smallest of 1%, 2%, 5%, 10%, 20%, 25%, 50%, 75% and 100% at or above `share`.
    static func niceMaximum(_ share: Double) -> Double {
        [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75].first { $0 >= share } ?? 1
    }

    /// A label cut to 18 characters (the bar's tooltip keeps the whole label).
    static func shortened(_ label: String) -> String {
        label.count <= 18 ? label : String(label.prefix(17)) + "…"
    }

    /// A coordinate with at most one decimal.
    static func format(_ value: Double) -> String {
        String(format: "%g", (value * 10).rounded() / 10)
    }
}
