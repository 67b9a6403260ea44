// Parse / parse+validate micro-benchmark of FlightQL's GraphQLEngine, with the peers' method
// (`../shared/bench-peers/swift_bench` and `parse_bench.py`): for each document, the median over 7 rounds
// of (time of N ops / N), in microseconds, N sized so that one round takes at least 0.2 s.
//
//     ParseBench SCHEMA.graphql DOC.graphql [DOC.graphql ...]
//
// Prints one human line and one machine line per document:
//     RESULT <file> <bytes> <parse µs> <parse+validate µs> <parse+validate without OFCBM µs> <cached µs>
// A figure the engine cannot give yet is `NA`. The calls into the engine are all in `EngineCalls.swift`.
import Foundation

let rounds = 7
let minimumRoundNanoseconds: UInt64 = 200_000_000

let args = Array(CommandLine.arguments.dropFirst())
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ParseBench SCHEMA.graphql DOC.graphql [DOC.graphql ...]\n".utf8))
    exit(2)
}

func read(_ path: String) -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("ParseBench: cannot read \(path): \(error)\n".utf8))
        exit(2)
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Median over `rounds` of microseconds per op, and the ops per round.
func bench(_ op: () throws -> Void) rethrows -> (perOpMicroseconds: Double, n: Int) {
    var n = 1
    while true {  // calibrate: double until a batch takes a quarter of a round, then take 4 batches per round
        let t0 = now()
        for _ in 0..<n { try op() }
        if now() - t0 >= minimumRoundNanoseconds / 4 { break }
        n *= 2
    }
    n *= 4
    var perOp: [Double] = []
    for _ in 0..<rounds {
        let t0 = now()
        for _ in 0..<n { try op() }
        perOp.append(Double(now() - t0) / 1000 / Double(n))
    }
    perOp.sort()
    return (perOp[rounds / 2], n)
}

func format(_ figure: (perOpMicroseconds: Double, n: Int)?) -> (human: String, machine: String) {
    guard let figure else { return ("not available yet", "NA") }
    return (String(format: "%9.2f us (n=%d)", figure.perOpMicroseconds, figure.n), String(format: "%.3f", figure.perOpMicroseconds))
}

do {
    let calls = try EngineCalls(schemaSDL: read(args[0]))
    print("FlightQL GraphQLEngine (release), \(calls.ruleCount) validation rules")
    for path in args.dropFirst() {
        let text = read(path)
        let name = (path as NSString).lastPathComponent
        // Check once, as the peers do: the document parses and is valid against the schema.
        let errors = try calls.parseAndValidate(text, withOverlappingFields: true)
        if errors > 0 {
            print("\(name): \(errors) validation errors; \(try calls.firstErrorMessage(text) ?? "")")
            exit(1)
        }
        let parse = try bench { try calls.parseOnly(text) }
        let validate = try bench {
            let errors = try calls.parseAndValidate(text, withOverlappingFields: true)
            precondition(errors == 0)
        }
        let validateNoOFCBM = try bench {
            let errors = try calls.parseAndValidate(text, withOverlappingFields: false)
            precondition(errors == 0)
        }
        var cached: (perOpMicroseconds: Double, n: Int)? = nil
        if let prepare = try calls.cachedPrepare(text) {
            try prepare()  // the first call parses, validates and caches; the timed ones hit the cache
            cached = try bench(prepare)
        }
        let f = [parse, validate, validateNoOFCBM].map { format($0) } + [format(cached)]
        print(
            "flightql  \(name.padding(toLength: 26, withPad: " ", startingAt: 0)) bytes=\(text.utf8.count)  "
                + "parse \(f[0].human)  parse+validate \(f[1].human)  parse+validate (no OFCBM) \(f[2].human)  "
                + "cached prepare \(f[3].human)"
        )
        print("RESULT \(name) \(text.utf8.count) \(f[0].machine) \(f[1].machine) \(f[2].machine) \(f[3].machine)")
    }
} catch {
    print("ParseBench: \(error)")
    exit(1)
}
