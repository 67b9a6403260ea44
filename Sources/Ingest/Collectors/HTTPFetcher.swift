public import Foundation
import GraphQLEngine

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// One HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields, names lower-cased.
    public var headers: [String: String]
    /// The body bytes.
    public var body: Data
}

/// Sends HTTP requests through Foundation's `URLSession` (libcurl on Linux), which runs transfers on its
/// own threads, never on a NIO event loop. Every request has a timeout; a timeout or a failed connection
/// becomes a `CollectorError`, never a hang.
public final class HTTPFetcher: Sendable {
    /// How long one request may take, from sending to the last byte.
    public let timeout: TimeInterval
    private let session: URLSession

    /// A fetcher whose requests time out after `timeout` seconds.
    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpAdditionalHeaders = ["Accept": "application/json", "User-Agent": "flightql-collect"]
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Parameter label: names the request in errors (method and path; never the query, which may hold a key).
    /// - Throws: `CollectorError` `.timeout` or `.transport`.
    public func send(_ request: URLRequest, label: String) async throws(CollectorError) -> HTTPResponse {
        var request = request
        request.timeoutInterval = timeout
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch let error as URLError where error.code == .timedOut {
            throw CollectorError(.timeout, request: label, "no answer within \(Self.seconds(timeout))")
        } catch let error as URLError {
            throw CollectorError(.transport, request: label, "connection failed (URLError \(error.code.rawValue))")
        } catch {
            throw CollectorError(.transport, request: label, "connection failed (\(error))")
        }
        guard let http = response as? HTTPURLResponse else {
            throw CollectorError(.transport, request: label, "the response is not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    private static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval)) s" : "\(interval) s"
    }
}

extension HTTPResponse {
    /// The body as JSON.
    ///
    /// - Throws: `CollectorError` `.malformedResponse` naming the parse failure.
    func json(label: String) throws(CollectorError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes: body)
        } catch {
            throw CollectorError(.malformedResponse, request: label, status: status, "the body is not JSON: \(error)")
        }
    }

    /// A 429 answer as an error, with the API's advice on when to retry when it sent one.
    func rateLimitError(label: String, retryAfterHeader: String) -> CollectorError {
        var reason = "rate limit reached"
        if let retry = headers[retryAfterHeader] { reason += "; retry after \(retry) s" }
        return CollectorError(.rateLimited, request: label, status: status, reason)
    }
}
