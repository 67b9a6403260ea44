// Drift benchmark: the nycflights13 feature table (prepare.py's train.csv and test.csv), months 1–9 as the stored
// reference, then (1) the Oct–Dec report with per-feature statistics and (2) the time of a report over 100,000
// current rows × 13 features (the 82,798 Oct–Dec rows and the first 17,202 training rows).
//
//     swift run -c release DriftBench /tmp/data/ml/train.csv /tmp/data/ml/test.csv > flightql.json
//
// Prints one JSON object; compare.py reads it.
import Drift
import Foundation

let numeric = [
    "month", "day_of_week", "sched_dep_hour", "distance", "temp", "wind_speed", "precip", "visib", "humid", "pressure",
]
let categorical = ["carrier", "origin", "dest"]
let features = numeric + categorical

/// The feature columns of a CSV without quoted fields.
func readColumns(_ path: String) throws -> [String: FeatureValues] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var numbers = [String: [Double]]()
    var texts = [String: [String?]]()
    let index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    for line in lines {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        for name in numeric { numbers[name, default: []].append(Double(fields[index[name]!]) ?? .nan) }
        for name in categorical {
            let field = fields[index[name]!]
            texts[name, default: []].append(field.isEmpty ? nil : String(field))
        }
    }
    var columns = [String: FeatureValues]()
    for (name, values) in numbers { columns[name] = .numeric(values) }
    for (name, values) in texts { columns[name] = .categorical(values) }
    return columns
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: DriftBench TRAIN.csv TEST.csv\n".utf8))
    exit(2)
}
let train = try readColumns(arguments[1])
let test = try readColumns(arguments[2])

let clock = ContinuousClock()
var reference = [String: ReferenceDistribution]()
let buildTime = clock.measure {
    for name in features {
        switch train[name]! {
        case .numeric(let values): reference[name] = .numeric(values: values)
        case .categorical(let values): reference[name] = .categorical(values: values)
        }
    }
}

let octoberToDecember = try DriftReport(reference: reference, current: test, features: features)

// 100,000 current rows: Oct–Dec plus the first training rows.
let extra = 100_000 - octoberToDecember.currentRows
var window = [String: FeatureValues]()
for name in features {
    switch (test[name]!, train[name]!) {
    case (.numeric(let a), .numeric(let b)): window[name] = .numeric(a + b.prefix(extra))
    case (.categorical(let a), .categorical(let b)): window[name] = .categorical(a + b.prefix(extra))
    default: fatalError("kinds differ")
    }
}
var timings: [Double] = []
var rows = 0
for _ in 0..<9 {
    var report: DriftReport?
    let elapsed = clock.measure { report = try? DriftReport(reference: reference, current: window, features: features) }
    rows = report?.currentRows ?? 0
    timings.append(seconds(elapsed))
}
timings.sort()

var featureRows: [[String: Any]] = []
for drift in octoberToDecember.features {
    var row: [String: Any] = [
        "name": drift.name, "kind": drift.kind.rawValue, "method": drift.method.rawValue, "psi": drift.psi,
        "drifted": drift.drifted, "bins": drift.histogram.count,
    ]
    row["statistic"] = drift.statistic
    if case .numeric(let values) = test[drift.name]!, let ecdf = reference[drift.name]?.ecdf {
        let ks = DriftStatistics.kolmogorovSmirnov(reference: ecdf, currentSorted: values.sorted())
        row["ks"] = ks.statistic
        row["ksPValue"] = ks.pValue
        row["ecdfExact"] = ecdf.isExact
    }
    featureRows.append(row)
}
let output: [String: Any] = [
    "referenceRows": octoberToDecember.referenceRows,
    "currentRows": octoberToDecember.currentRows,
    "driftShare": octoberToDecember.driftShare,
    "driftDetected": octoberToDecember.driftDetected,
    "features": featureRows,
    "referenceBuildSeconds": seconds(buildTime),
    "report100kRows": rows,
    "report100kSeconds": ["min": timings.first!, "median": timings[timings.count / 2], "max": timings.last!],
]
let json = try JSONSerialization.data(withJSONObject: output, options: [.prettyPrinted, .sortedKeys])
FileHandle.standardOutput.write(json)
FileHandle.standardOutput.write(Data("\n".utf8))
