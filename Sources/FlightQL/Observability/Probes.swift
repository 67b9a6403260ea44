import DelayModel
import Documents
public import GraphQLEngine
public import Hummingbird
import NIOCore
import Relational
import Synchronization

/// `GET /readyz`: whether this replica can serve.
///
/// The answer is JSON: `{"status":"ok"|"degraded"|"unavailable","checks":{"sqlite":{…},"model":{…},"mongodb":{…}}}`.
/// SQLite must answer `SELECT 1`, else 503 `unavailable` (every query needs it). A missing model or a MongoDB
/// that is not configured or does not answer a ping within `mongoTimeout` gives 200 `degraded`: the server still
/// answers every field that does not need them.
public struct ReadinessProbe: Sendable {
    let services: Services
    /// How long the MongoDB ping may take before the check reports `down`.
    let mongoTimeout: Duration

    /// A probe of `services`' stores.
    public init(services: Services, mongoTimeout: Duration = .seconds(1)) {
        self.services = services
        self.mongoTimeout = mongoTimeout
    }

    /// The checks, and the HTTP status they add up to.
    public func check() async -> (status: HTTPResponse.Status, body: JSONObject) {
        async let sqlite = checkSQLite()
        async let mongo = checkMongo()
        let model = checkModel()
        let (sqliteUp, sqliteCheck) = await sqlite
        let (mongoUp, mongoCheck) = await mongo
        let overall = !sqliteUp ? "unavailable" : (model.up && mongoUp ? "ok" : "degraded")
        let body: JSONObject = [
            "status": .string(overall),
            "checks": .object([
                "sqlite": .object(sqliteCheck), "model": .object(model.check), "mongodb": .object(mongoCheck),
            ]),
        ]
        return (sqliteUp ? .ok : .serviceUnavailable, body)
    }

    /// `GET /readyz`.
    func respond(_ request: Request, _ context: some RequestContext) async -> Response {
        let (status, body) = await check()
        var bytes = JSONValue.object(body).jsonBytes()
        bytes.append(UInt8(ascii: "\n"))
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    private func checkSQLite() async -> (Bool, JSONObject) {
        do {
            let one = try await services.database.read { connection in
                try connection.first("SELECT 1") { row in row.int(0) }
            }
            guard one == 1 else { return (false, ["status": "down", "error": "SELECT 1 gave no row"]) }
            return (true, ["status": "up"])
        } catch {
            return (false, ["status": "down", "error": .string(String(describing: error))])
        }
    }

    private func checkModel() -> (up: Bool, check: JSONObject) {
        guard let predictor = services.model.predictor else {
            return (false, ["status": "down", "error": "no model is loaded"])
        }
        return (true, ["status": "up", "version": .string(predictor.artifact.modelVersion)])
    }

    private func checkMongo() async -> (Bool, JSONObject) {
        guard let client = services.documents?.client else {
            return (false, ["status": "not_configured"])
        }
        switch await Self.ping(client, within: mongoTimeout) {
        case .answered: return (true, ["status": "up"])
        case .failed(let reason): return (false, ["status": "down", "error": .string(reason)])
        case .timedOut:
            return (false, ["status": "down", "error": .string("no answer to ping within \(mongoTimeout)")])
        }
    }

    private enum PingResult: Sendable {
        case answered
        case failed(String)
        case timedOut
    }

    /// Pings `client`, answering `.timedOut` after `timeout` even though the ping (a blocking libmongoc call that
    /// cannot be cancelled) goes on until its own server-selection timeout.
    private static func ping(_ client: MongoClient, within timeout: Duration) async -> PingResult {
        let first = FirstResult<PingResult>()
        return await withCheckedContinuation { continuation in
            first.install(continuation)
            Task {
                do {
                    try await client.ping()
                    first.resume(with: .answered)
                } catch let error as DocumentStoreError {
                    first.resume(with: .failed(error.reason))
                } catch {
                    first.resume(with: .failed("ping failed"))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                first.resume(with: .timedOut)
            }
        }
    }
}

/// Resumes a continuation with the first of several results; later ones are dropped.
private final class FirstResult<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, Never>?>(nil)

    func install(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with value: Value) {
        let waiting = continuation.withLock { slot in
            defer { slot = nil }
            return slot
        }
        waiting?.resume(returning: value)
    }
}

/// `GET /metrics`: the Prometheus text exposition of `metrics`, the serving model's version refreshed first.
struct MetricsRoute: Sendable {
    let metrics: FlightQLMetrics
    let services: Services

    func respond(_ request: Request, _ context: some RequestContext) -> Response {
        metrics.recordServingModel(version: services.model.predictor?.artifact.modelVersion)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render()))
        )
    }
}
