public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A local HTTP/1.1 server for tests: answers each request with the first route whose method, path and
/// query items match, records every request it received, and listens on a free port of 127.0.0.1.
/// A request no route matches gets 404 with a JSON body naming the fixture server.
public final class FixtureServer: Sendable {
    /// What a route answers.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Extra header fields.
        public var headers: [String: String]
        /// The body.
        public var body: [UInt8]
        /// When `true` the server never answers (for timeout tests).
        public var neverAnswers: Bool

        /// A response with `body`.
        public init(status: Int = 200, headers: [String: String] = [:], body: String) {
            self.status = status
            self.headers = headers
            self.body = Array(body.utf8)
            neverAnswers = false
        }

        /// A response with the bytes of the file at `path`.
        public static func file(_ path: String, status: Int = 200, headers: [String: String] = [:]) throws -> Response {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return Response(
                status: status,
                headers: ["Content-Type": "application/json"].merging(headers) { $1 },
                body: text
            )
        }

        /// A response that never comes.
        public static let silence: Response = {
            var response = Response(body: "")
            response.neverAnswers = true
            return response
        }()
    }

    /// A request pattern and its answer.
    public struct Route: Sendable {
        /// `GET`, `POST`, …
        public var method: String
        /// The path, e.g. `/v1/flights`.
        public var path: String
        /// Query items that must be present with these values (others may be present too).
        public var query: [String: String]
        /// The answer.
        public var response: Response

        /// A route.
        public init(_ path: String, method: String = "GET", query: [String: String] = [:], response: Response) {
            self.method = method
            self.path = path
            self.query = query
            self.response = response
        }
    }

    /// A request as received.
    public struct ReceivedRequest: Sendable {
        /// The method.
        public var method: String
        /// The path without the query.
        public var path: String
        /// The query items (last value wins).
        public var query: [String: String]
        /// The header fields, names lower-cased.
        public var headers: [String: String]
        /// The body as text.
        public var body: String
    }

    /// The port the server listens on.
    public let port: Int
    private let channel: any Channel
    private let log: RequestLog

    /// The base URL, `http://127.0.0.1:PORT`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The requests received so far, in order.
    public var requests: [ReceivedRequest] { log.all }

    /// Starts a server answering with `routes`.
    public static func start(routes: [Route]) async throws -> FixtureServer {
        let log = RequestLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FixtureHandler(routes: routes, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw FixtureServerError(description: "the fixture server has no port")
        }
        return FixtureServer(port: port, channel: channel, log: log)
    }

    private init(port: Int, channel: any Channel, log: RequestLog) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    /// Stops listening.
    public func stop() async throws {
        try await channel.close()
    }
}

/// A failure to start the fixture server.
public struct FixtureServerError: Error, CustomStringConvertible {
    public var description: String
}

private final class RequestLog: Sendable {
    private let requests = Mutex<[FixtureServer.ReceivedRequest]>([])

    var all: [FixtureServer.ReceivedRequest] { requests.withLock { $0 } }

    func append(_ request: FixtureServer.ReceivedRequest) {
        requests.withLock { $0.append(request) }
    }
}

private final class FixtureHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: [FixtureServer.Route]
    private let log: RequestLog
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(routes: [FixtureServer.Route], log: RequestLog) {
        self.routes = routes
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let components = URLComponents(string: head.uri)
            var query: [String: String] = [:]
            for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            let request = FixtureServer.ReceivedRequest(
                method: head.method.rawValue,
                path: components?.path ?? head.uri,
                query: query,
                headers: headers,
                body: String(decoding: body, as: UTF8.self)
            )
            log.append(request)
            let route = routes.first { route in
                route.method == request.method && route.path == request.path
                    && route.query.allSatisfy { request.query[$0.key] == $0.value }
            }
            let response = route?.response ?? FixtureServer.Response(status: 404, body: #"{"fixture":"no route"}"#)
            if response.neverAnswers { return }
            var responseHead = HTTPResponseHead(version: head.version, status: .init(statusCode: response.status))
            for (name, value) in response.headers { responseHead.headers.add(name: name, value: value) }
            responseHead.headers.add(name: "Content-Length", value: String(response.body.count))
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))),
                promise: nil
            )
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            self.head = nil
        }
    }
}
