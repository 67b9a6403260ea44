import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// How long a client may take to send a request, and how long an idle keep-alive connection stays open.
///
/// Hummingbird's HTTP/1.1 channel closes idle connections (`idle`), but a client that trickles its request
/// head or body counts as active there for as long as it trickles. The head and body deadlines bound those:
/// a head not complete within `head` of its first byte closes the connection; a body not complete within
/// `body` of its head fails the body's reader with ``RequestBodyTimeout`` (`POST /graphql` answers 408) and
/// the connection closes after the response. nil turns a deadline off.
public struct ReadTimeouts: Sendable {
    /// From the first byte of a request to the end of its head.
    public var head: Duration?
    /// From the end of a request's head to the end of its body.
    public var body: Duration?
    /// From the end of the last response (or the connection's start) to the next request's head.
    public var idle: Duration?

    /// The deadlines; nil turns one off.
    public init(head: Duration?, body: Duration?, idle: Duration?) {
        self.head = head
        self.body = body
        self.idle = idle
    }
}

/// The error a request body's reader gets when the body did not arrive within ``ReadTimeouts/body``.
struct RequestBodyTimeout: Error, Sendable {
    let timeout: Duration
}

extension Duration {
    /// The duration in whole milliseconds, for messages.
    var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with `timeouts` enforced on every connection.
    static func http1(readTimeouts timeouts: ReadTimeouts) -> HTTPServerBuilder {
        .init { responder in
            let http1 = HTTP1Channel(
                responder: responder,
                configuration: .init(idleTimeout: timeouts.idle.map(TimeAmount.init))
            )
            return ReadDeadlineHTTP1Channel(http1: http1, head: timeouts.head, body: timeouts.body)
        }
    }
}

/// Hummingbird's HTTP/1.1 channel with two handlers added to each connection's pipeline: one in front of the
/// HTTP decoder that sees a request's first byte, one behind it that sees the request's head and end.
struct ReadDeadlineHTTP1Channel: ServerChildChannel {
    let http1: HTTP1Channel
    let head: Duration?
    let body: Duration?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let (head, body) = (self.head, self.body)
        guard head != nil || body != nil else { return http1.setup(channel: channel, logger: logger) }
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let deadline = RequestReadDeadline(head: head.map(TimeAmount.init), body: body.map(TimeAmount.init))
            try pipeline.addHandler(RequestBytesWatcher(deadline), position: .first)
            let connectionState = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(RequestPartsWatcher(deadline), position: .before(connectionState))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

/// The deadline of the request being read on one connection, shared by that connection's two watchers. It lives
/// on the connection's event loop: handlers and timers run there only.
///
/// A timer is armed only when a read ends with the head or the body incomplete, so a request that arrives
/// within one read (the usual case) costs two clock reads and no timer.
private final class RequestReadDeadline {
    enum Phase {
        /// The next byte starts a head.
        case betweenRequests
        case head(since: NIODeadline)
        case body(since: NIODeadline)
        /// The body deadline passed: nothing more is timed on this connection, which closes after the answer.
        case expired
    }

    let head: TimeAmount?
    let body: TimeAmount?
    var phase = Phase.betweenRequests
    private var timer: Scheduled<Void>?

    init(head: TimeAmount?, body: TimeAmount?) {
        self.head = head
        self.body = body
    }

    /// Runs `expired` on the event loop at `deadline` unless `cancel()` comes first; nothing when a timer runs.
    func arm(_ deadline: NIODeadline, on eventLoop: any EventLoop, _ expired: @escaping () -> Void) {
        guard timer == nil else { return }
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timer = nil
            expired()
        }
    }

    func cancel() {
        timer?.cancel()
        timer = nil
    }
}

/// In front of the HTTP decoder: the first byte after the previous request starts the head deadline, whose
/// expiry closes the connection.
private final class RequestBytesWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadline: RequestReadDeadline

    init(_ deadline: RequestReadDeadline) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .betweenRequests = deadline.phase, deadline.head != nil {
            deadline.phase = .head(since: .now())
        }
        context.fireChannelRead(data)
    }

    /// The decoder has seen the whole read by now: a head still incomplete gets its timer.
    func channelReadComplete(context: ChannelHandlerContext) {
        if case .head(let since) = deadline.phase, let head = deadline.head {
            deadline.arm(since + head, on: context.eventLoop) { context.close(promise: nil) }
        }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }
}

/// Behind the HTTP decoder: a request's head ends the head deadline and starts the body deadline, whose expiry
/// fails the body's reader with ``RequestBodyTimeout``; the request's end ends it.
private final class RequestPartsWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let deadline: RequestReadDeadline

    init(_ deadline: RequestReadDeadline) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline.cancel()
            deadline.phase = .body(since: .now())
        case .body:
            break
        case .end:
            deadline.cancel()
            deadline.phase = .betweenRequests
        }
        context.fireChannelRead(data)
    }

    /// A body still incomplete at the end of a read gets its timer.
    func channelReadComplete(context: ChannelHandlerContext) {
        if case .body(let since) = deadline.phase, let body = deadline.body {
            deadline.arm(since + body, on: context.eventLoop) { [deadline] in
                deadline.phase = .expired
                context.fireErrorCaught(RequestBodyTimeout(timeout: Duration(body)))
            }
        }
        context.fireChannelReadComplete()
    }
}
