import Foundation
import Testing

/// Issue #7's acceptance through the built binary: a model trained on months 1–9 of the real data, then the drift
/// of Oct–Dec (month, temp and pressure drift: 3 of 13, no dataset drift) and of the training window (nothing
/// drifts) through the CLI, the GraphQL API and the `/drift` page, and a replayed week read back as FLIGHT_STATUS
/// giving the FLIGHTS report.
@Suite(
    .serialized,
    .enabled(
        if: Stack.unavailableReason == nil && Stack.mongoURI != nil,
        "needs FLIGHTQL_BIN and MONGODB_URI (make test)"
    )
)
struct DriftAcceptanceTests {
    static let october = "2013-10-01T04:00:00Z"
    static let january = "2014-01-01T05:00:00Z"

    /// A model trained by `flightql train` on the stack's database, once per test run (a shallow tree: the drift
    /// reference does not depend on the tree).
    static let model: Result<String, any Error> = Result {
        let database = try Stack.database.get()
        let path = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("drift-model.json")
            .path
        let result = try Stack.run(["train", "--db", database, "--out", path, "--max-depth", "2"])
        guard result.status == 0 else { throw StackError("train failed: \(result.output)") }
        return path
    }

    /// `flightql drift` with `arguments` against the stack's database and model.
    func drift(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Stack.run(["drift", "--db", try Stack.database.get(), "--model", try Self.model.get()] + arguments)
    }

    /// The features a drift table marks drifted, and its dataset line.
    static func verdicts(_ table: String) -> (drifted: [String], dataset: String) {
        let lines = table.split(separator: "\n").map(String.init)
        let drifted = lines.filter { $0.hasSuffix(" yes") }.map { String($0.split(separator: " ")[0]) }
        return (drifted, lines.last { $0.hasPrefix("dataset: ") } ?? "")
    }

    @Test func cliFlagsMonthTempAndPressureAndNothingInTheTrainingWindow() throws {
        let recent = try drift(["--from", Self.october, "--to", Self.january])
        #expect(recent.status == 0, "\(recent.output)")
        let verdicts = Self.verdicts(recent.output)
        #expect(verdicts.drifted == ["month", "temp", "pressure"])
        #expect(
            verdicts.dataset == "dataset: No dataset drift: 3 of 13 features drifted (23.1%), below the 50.0% rule."
        )

        let training = try drift(["--source", "flights", "--to", Self.october])
        #expect(training.status == 0, "\(training.output)")
        #expect(Self.verdicts(training.output).drifted.isEmpty)
        #expect(Self.verdicts(training.output).dataset.hasPrefix("dataset: No dataset drift: 0 of 13"))
    }

    @Test func apiAndPageFlagMonthTempAndPressure() async throws {
        let server = try await Server(extraEnvironment: ["FLIGHTQL_MODEL": try Self.model.get()])
        defer { server.stop() }
        func report(from: String?, to: String) async throws -> [String: Any] {
            let fromArgument = from.map { #"from: "\#($0)", "# } ?? ""
            let (status, body) = try await server.graphQL(
                #"{ drift(window: {source: FLIGHTS, \#(fromArgument)to: "\#(to)"}) { currentRows driftShare driftDetected features { feature method drifted } } }"#
            )
            #expect(status == 200, "\(body)")
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            let data = try #require(json?["data"] as? [String: Any], "\(body)")
            return try #require(data["drift"] as? [String: Any])
        }
        func drifted(_ report: [String: Any]) -> [String] {
            (report["features"] as? [[String: Any]] ?? []).filter { $0["drifted"] as? Bool == true }
                .compactMap { $0["feature"] as? String }
        }
        let recent = try await report(from: Self.october, to: Self.january)
        #expect(drifted(recent) == ["month", "temp", "pressure"])
        #expect((recent["features"] as? [Any])?.count == 13 && recent["driftDetected"] as? Bool == false)
        #expect(abs((recent["driftShare"] as? Double ?? 0) - 3.0 / 13) < 1e-9)
        let training = try await report(from: nil, to: Self.october)
        #expect(drifted(training).isEmpty && (training["features"] as? [Any])?.count == 13)

        let (status, page) = try await server.request(
            "GET",
            "/drift?source=FLIGHTS&from=\(Self.october)&to=\(Self.january)"
        )
        let html = String(decoding: page, as: UTF8.self)
        #expect(status == 200)
        #expect(html.components(separatedBy: #"<span class="badge drifted">drifted</span>"#).count - 1 == 3)
        #expect(html.contains("No dataset drift: 3 of 13 features drifted (23.1%), below the 50.0% rule."))
        let (_, trainingPage) = try await server.request("GET", "/drift?source=FLIGHTS&to=\(Self.october)")
        #expect(!String(decoding: trainingPage, as: UTF8.self).contains(#"<span class="badge drifted">"#))
        try HeadlessChromium.expectChartsDrawn(html, charts: 13)
    }

    /// A week replayed into MongoDB, read back as FLIGHT_STATUS (the API's default source), gives the FLIGHTS report
    /// of the same week through the CLI and the API; the full Oct–Dec window is checked document for document in
    /// `DriftSourceTests` (FlightQLTests) without the 50-second replay.
    @Test func replayedWeekAsFlightStatusGivesTheFlightsReport() async throws {
        let database = try Stack.database.get()
        let uri = try #require(Stack.mongoURI)
        let replay = try Stack.run([
            "replay", "--from", "2013-10-01", "--to", "2013-10-08", "--db", database, "--mongodb-uri", uri,
        ])
        #expect(replay.status == 0, "\(replay.output)")
        let window = ["--from", Self.october, "--to", "2013-10-08T04:00:00Z"]
        let status = try drift(["--source", "flight-status", "--mongodb-uri", uri] + window)
        let flights = try drift(["--source", "flights"] + window)
        #expect(status.status == 0 && flights.status == 0, "\(status.output)")
        let statusLines = status.output.split(separator: "\n")
        let flightsLines = flights.output.split(separator: "\n")
        #expect(statusLines.first?.hasPrefix("drift of flight-status from 2013-10-01T04:00:00Z") == true)
        #expect(statusLines.count == 17 && statusLines.dropFirst() == flightsLines.dropFirst())

        let server = try await Server(extraEnvironment: ["FLIGHTQL_MODEL": try Self.model.get()])
        defer { server.stop() }
        let query =
            #"{ drift(window: {from: "2013-10-01T04:00:00Z", to: "2013-10-08T04:00:00Z"%@}) { currentRows features { feature statistic psi drifted } } }"#
        let (_, fromStatus) = try await server.graphQL(query.replacingOccurrences(of: "%@", with: ""))
        let (_, fromFlights) = try await server.graphQL(query.replacingOccurrences(of: "%@", with: ", source: FLIGHTS"))
        #expect(fromStatus.hasPrefix(#"{"data":{"drift":{"currentRows":"#) && fromStatus == fromFlights)

        let noMongo = try drift([
            "--source", "predictions", "--mongodb-uri", "mongodb://127.0.0.1:1/x?serverSelectionTimeoutMS=200",
        ])
        #expect(noMongo.status != 0)
        #expect(
            noMongo.output.contains("drift: source PREDICTIONS is unavailable: MongoDB did not answer"),
            "\(noMongo.output)"
        )
    }
}

/// Lays a page out in headless Chromium (Debian's `chromium`, installed by `scripts/setup.sh test`) and checks its
/// SVG charts are drawn: each has a size, and each of its bars a width and its series' fill.
enum HeadlessChromium {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/chromium" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    static func expectChartsDrawn(_ html: String, charts expected: Int) throws {
        guard let chromium = executable else {
            Issue.record("chromium is not on PATH: run scripts/setup.sh test")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-drift-it-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The probe goes into the test's copy of the page only: it writes each chart's layout into the DOM.
        let probe = """
            <script>
            const fills = { ref: "rgb(78, 121, 167)", cur: "rgb(232, 118, 44)" };
            const charts = [...document.querySelectorAll("svg")].map(svg => {
              const box = svg.getBoundingClientRect();
              const bars = [...svg.querySelectorAll("rect.bar")];
              return {
                sized: box.width > 0 && box.height > 0,
                bars: bars.length,
                wide: bars.filter(bar => bar.getBBox().width > 0).length,
                filled: bars.filter(bar => ["ref", "cur"].some(kind =>
                  bar.classList.contains(kind) && getComputedStyle(bar).fill === fills[kind])).length,
              };
            });
            const out = document.createElement("pre");
            out.textContent = "LAY" + "OUT" + JSON.stringify(charts) + "LAY" + "OUT";
            document.body.appendChild(out);
            </script>
            """
        let file = directory.appendingPathComponent("drift.html")
        try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(
            to: file,
            atomically: true,
            encoding: .utf8
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--dump-dom", file.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = dom.components(separatedBy: "LAYOUT")
        try #require(parts.count == 3, "the probe's output is in the dumped DOM")
        let charts = try #require(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [[String: Any]])
        #expect(charts.count == expected)
        for (index, chart) in charts.enumerated() {
            let bars = chart["bars"] as? Int ?? 0
            #expect(chart["sized"] as? Bool == true && bars >= 2, "chart \(index)")
            #expect(chart["wide"] as? Int == bars && chart["filled"] as? Int == bars, "chart \(index)")
        }
    }
}
