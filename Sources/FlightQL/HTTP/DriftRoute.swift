import DelayModel
import Hummingbird
import NIOCore

/// `GET /drift?source=…&from=…&to=…`: the drift report as a self-contained HTML page.
struct DriftRoute: Sendable {
    let services: Services

    func get(_ request: Request, _ context: some Hummingbird.RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        func parameter(_ name: String) -> String? { query[name[...]].map(String.init) }
        let html: String
        let status: HTTPResponse.Status
        do {
            let window = try DriftWindow(source: parameter("source"), from: parameter("from"), to: parameter("to"))
            do {
                let artifact = try services.model.currentPredictor().artifact
                html = renderDriftPage(report: try await services.drift.report(window: window, artifact: artifact), window: window)
                status = .ok
            } catch {
                html = renderDriftErrorPage(message: "\(error)", window: window)
                status = .serviceUnavailable
            }
        } catch {
            html = renderDriftErrorPage(message: error.message, window: nil)
            status = .badRequest
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }
}
