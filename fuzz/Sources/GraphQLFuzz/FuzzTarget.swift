import Dispatch
import Foundation
import GraphQLEngine

// libFuzzer entry point: one input is a GraphQL document, optionally followed by a NUL byte and the JSON of the
// request's variables. Every input goes through the engine as a request does (lex, parse, validate against the
// served schema, execute with resolvers that answer without I/O) and through these invariants, whose violation
// stops the run as a finding:
// - a document that parses prints (`printAST`) to text that parses again and prints the same;
// - a prepared document executes to a response with `data` or at least one error, whose JSON the engine's own
//   reader accepts back.
// Crashes, sanitizer reports, timeouts (`-timeout`) and memory blow-ups (`-rss_limit_mb`) are findings as well.

/// The engine over `schema/flightql.graphql` with `FuzzResolvers`, built once per process.
private let engine: GraphQLEngine = {
    let schemaPath =
        ProcessInfo.processInfo.environment["FLIGHTQL_SCHEMA"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schema/flightql.graphql").path
    guard let data = FileManager.default.contents(atPath: schemaPath) else {
        fatalError("GraphQLFuzz: cannot read the schema at \(schemaPath) (set FLIGHTQL_SCHEMA)")
    }
    do {
        let schema = try Schema(sdl: String(decoding: data, as: UTF8.self))
        let executable = try ExecutableSchema(
            schema: schema,
            resolvers: FuzzResolvers.all(for: schema),
            scalars: FuzzResolvers.scalars
        )
        // No document cache: every input is parsed and validated, and memory does not grow with the corpus.
        return GraphQLEngine(schema: executable, documentCacheCapacity: 0)
    } catch {
        fatalError("GraphQLFuzz: the schema does not load: \(error)")
    }
}()

/// The executable's entry point. SwiftPM links executables with `main` bound to `<target>_main`, which shadows
/// libFuzzer's own `main`, so this one hands over to libFuzzer's driver with the command line.
@_cdecl("GraphQLFuzz_main")
public func fuzzerMain(
    _ argc: CInt,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
}

/// libFuzzer's driver (`int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*)(const uint8_t *, size_t))`).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let separator = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let query = String(decoding: bytes[..<separator], as: UTF8.self)
    var variables: JSONObject?
    if separator < bytes.endIndex, case .object(let object)? = try? JSONValue.parse(bytes: bytes[(separator + 1)...]) {
        variables = object
    }
    checkPrinterRoundTrip(query)
    guard case .success(let prepared) = engine.prepare(query: query) else { return 0 }
    let response = executeBlocking(prepared, variables: variables)
    guard response.data != nil || !response.errors.isEmpty else {
        fatalError("GraphQLFuzz: a response with neither data nor errors for \(query.debugDescription)")
    }
    let json = response.jsonBytes()
    guard case .object? = try? JSONValue.parse(bytes: json) else {
        fatalError("GraphQLFuzz: the response is not a JSON object: \(String(decoding: json, as: UTF8.self))")
    }
    return 0
}

/// `printAST(parse(text))` must parse again and print identically.
private func checkPrinterRoundTrip(_ text: String) {
    guard let document = try? parse(text) else { return }
    let printed = printAST(document)
    let reparsed: Document
    do {
        reparsed = try parse(printed)
    } catch {
        fatalError("GraphQLFuzz: printed document does not parse (\(error)): \(printed.debugDescription)")
    }
    let reprinted = printAST(reparsed)
    guard reprinted == printed else {
        fatalError("GraphQLFuzz: printing is not stable:\n\(printed.debugDescription)\n\(reprinted.debugDescription)")
    }
}

/// Runs the executor to completion from libFuzzer's synchronous callback (the callback's thread is not one of the
/// concurrency runtime's, so waiting on it cannot starve the tasks).
private func executeBlocking(_ prepared: PreparedDocument, variables: JSONObject?) -> GraphQLResponse {
    let box = ResponseBox()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.response = await engine.execute(prepared, variables: variables, context: ())
        done.signal()
    }
    done.wait()
    return box.response!
}

/// Carries the response out of the task; written once before the semaphore is signalled, read after the wait.
private final class ResponseBox: @unchecked Sendable {
    var response: GraphQLResponse?
}
