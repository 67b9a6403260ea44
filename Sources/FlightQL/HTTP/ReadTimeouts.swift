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
            let deadline = RequestReadDeadline(head: head.map(TimeAmount.init), body: body)
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
private final class RequestReadDeadline {
    let head: TimeAmount?
    let body: Duration?
    /// Between requests: the next byte starts a head.
    var awaitingHead = true
    var timer: Scheduled<Void>?

    init(head: TimeAmount?, body: Duration?) {
        self.head = head
        self.body = body
    }

    /// Runs `expired` on the event loop after `delay` unless another deadline replaces this one first.
    func start(_ delay: TimeAmount, on eventLoop: any EventLoop, _ expired: @escaping () -> Void) {
        cancel()
        timer = eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
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
        if deadline.awaitingHead, deadline.timer == nil, let head = deadline.head {
            deadline.start(head, on: context.eventLoop) { context.close(promise: nil) }
        }
        context.fireChannelRead(data)
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
            deadline.awaitingHead = false
            deadline.cancel()
            if let body = deadline.body {
                deadline.start(TimeAmount(body), on: context.eventLoop) {
                    context.fireErrorCaught(RequestBodyTimeout(timeout: body))
                }
            }
        case .body:
            break
        case .end:
            deadline.cancel()
            deadline.awaitingHead = true
        }
        context.fireChannelRead(data)
    }
}
