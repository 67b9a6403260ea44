import DelayModel
import Foundation
import Testing

@testable import FlightQL

/// The `/drift` page rendered from real reports.
struct DriftPageTests {
    let fixture: DriftFixture
    let report: DriftResult
    let window = DriftWindow(source: .flights, from: DriftFixture.october, to: DriftFixture.january)

    init() async throws {
        fixture = try await DriftFixture.get()
        report = try await DriftService(database: fixture.database).report(window: window, artifact: fixture.artifact)
    }

    /// The text between each `<svg` and its `</svg>`.
    static func charts(_ html: String) -> [Substring] {
        html.components(separatedBy: "<svg").dropFirst().compactMap { $0.components(separatedBy: "</svg>").first }
            .map { Substring($0) }
    }

    static func occurrences(of needle: String, in text: some StringProtocol) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func oneChartPerFeatureWithTwoBarsPerBin() throws {
        let html = renderDriftPage(report: report, window: window)
        let charts = Self.charts(html)
        #expect(charts.count == 13)
        for (chart, feature) in zip(charts, report.features) {
            #expect(
                Self.occurrences(of: "class=\"bar ref\"", in: chart) == feature.histogram.count,
                "\(feature.feature)"
            )
            #expect(
                Self.occurrences(of: "class=\"bar cur\"", in: chart) == feature.histogram.count,
                "\(feature.feature)"
            )
            #expect(Self.occurrences(of: "class=\"bin\"", in: chart) == feature.histogram.count, "\(feature.feature)")
            #expect(chart.contains("reference (training)") && chart.contains("current (window)"))
        }
        #expect(html.contains("No dataset drift: 3 of 13 features drifted (23.1%), below the 50.0% rule."))
        #expect(Self.occurrences(of: "<span class=\"badge drifted\">drifted</span>", in: html) == 3)
        #expect(html.contains("<option value=\"FLIGHTS\" selected>"))
        #expect(html.contains("name=\"from\" value=\"2013-10-01T04:00:00Z\""))
        // Self-contained: no script, stylesheet link, image, frame or CSS import.
        for external in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
    }

    @Test func emptyWindowShowsTheVerdictWithoutCharts() async throws {
        let empty = DriftWindow(source: .flights, from: DriftFixture.october, to: DriftFixture.october)
        let report = try await DriftService(database: fixture.database).report(
            window: empty,
            artifact: fixture.artifact
        )
        let html = renderDriftPage(report: report, window: empty)
        #expect(Self.charts(html).isEmpty)
        #expect(html.contains("The window holds no rows: nothing to compare, no drift."))
    }

    /// Category labels come from the data (the live feed among others) and are escaped everywhere they appear.
    @Test func labelsAndMessagesAreEscaped() async throws {
        let hostile = "<script>alert(\"x\")</script> & 'co'"
        var artifact = fixture.artifact
        artifact.modelVersion = "cart-<b>escaped</b>"
        let carrier = try #require(artifact.references.firstIndex { $0.name == "carrier" })
        artifact.references[carrier].categories[0] = hostile
        let report = try await DriftService(database: fixture.database).report(window: window, artifact: artifact)
        let html = renderDriftPage(report: report, window: window)
        #expect(!html.contains("<script") && !html.contains("<b>escaped"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;: reference"))
        #expect(html.contains("cart-&lt;b&gt;escaped&lt;/b&gt;"))
        let error = renderDriftErrorPage(message: "source <FLIGHT_STATUS> & co", window: nil)
        #expect(error.contains("source &lt;FLIGHT_STATUS&gt; &amp; co") && Self.charts(error).isEmpty)
    }

    /// Headless Chromium lays the page out: every chart has a size, every bar a width and its series' colour.
    @Test(.enabled(if: Self.chromium != nil, "chromium is not on PATH (Debian: apt-get install chromium)"))
    func chromiumDrawsEveryChart() throws {
        let chromium = try #require(Self.chromium)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-drift-page-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The probe runs in the test's copy of the page only: it writes each chart's layout into the DOM.
        let probe = """
            <script>
            const fills = { ref: "rgb(78, 121, 167)", cur: "rgb(232, 118, 44)" };
            const charts = [...document.querySelectorAll("svg.drift-chart")].map(svg => {
              const box = svg.getBoundingClientRect();
              const bars = [...svg.querySelectorAll("rect.bar")];
              const sized = bars.filter(bar => bar.getBBox().width > 0).length;
              const coloured = kind => bars.filter(bar =>
                bar.classList.contains(kind) && getComputedStyle(bar).fill === fills[kind]).length;
              return [box.width > 0 && box.height > 0, bars.length, sized, coloured("ref"), coloured("cur")];
            });
            const out = document.createElement("pre");
            out.id = "layout";
            const mark = "LAY" + "OUT";  // not spelled out, so the script's own text holds no marker
            out.textContent = mark + JSON.stringify(charts) + mark;
            document.body.appendChild(out);
            </script>
            """
        let page = renderDriftPage(report: report, window: window).replacingOccurrences(
            of: "</body>",
            with: probe + "</body>"
        )
        let file = directory.appendingPathComponent("drift.html")
        try page.write(to: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--dump-dom", file.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let parts = dom.components(separatedBy: "LAYOUT")
        try #require(parts.count == 3, "the probe's output is in the dumped DOM")
        let layout = try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [[Any]]
        let charts = try #require(layout)
        #expect(charts.count == 13)
        for (chart, feature) in zip(charts, report.features) {
            let bins = feature.histogram.count
            #expect(chart[0] as? Bool == true, "\(feature.feature) has a size")
            #expect(chart[1] as? Int == 2 * bins && chart[2] as? Int == 2 * bins, "\(feature.feature) bars")
            #expect(chart[3] as? Int == bins && chart[4] as? Int == bins, "\(feature.feature) colours")
        }
    }

    /// The `chromium` executable on PATH, if any.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/chromium" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()
}
