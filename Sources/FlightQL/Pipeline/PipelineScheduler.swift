import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Runs `flightql pipeline --every`: the pipeline every `interval` and, with a metrics port, `GET /metrics`
/// (the runs counter) for Prometheus, until SIGTERM or SIGINT. A run in progress finishes before the process
/// stops (its swap is atomic either way).
public enum PipelineScheduler {
    /// Runs `pipeline` now and then every `interval` (measured from the end of a run) until stopped; each report
    /// goes to `onReport` and is counted in `metrics`. With `metricsPort`, `GET /metrics` on `host:metricsPort`
    /// serves `metrics`.
    public static func run(
        _ pipeline: ModelPipeline,
        every interval: Duration,
        metrics: FlightQLMetrics,
        metricsHost: String,
        metricsPort: Int?,
        logger: Logger,
        onReport: @escaping @Sendable (PipelineRunReport) -> Void
    ) async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: PipelineLoop(pipeline: pipeline, interval: interval, metrics: metrics, onReport: onReport))
        ]
        if let metricsPort {
            let router = Router()
            router.get("/metrics") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render()))
                )
            }
            let app = Application(
                router: router,
                configuration: .init(
                    address: .hostname(metricsHost, port: metricsPort),
                    serverName: "flightql-pipeline"
                ),
                logger: logger
            )
            services.append(.init(service: app))
        }
        let configuration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// The pipeline's loop as a service: a run, a pause of `interval`, a run…; a graceful shutdown ends the pause
/// at once and stops the loop after the run in progress.
struct PipelineLoop: Service {
    let pipeline: ModelPipeline
    let interval: Duration
    let metrics: FlightQLMetrics
    let onReport: @Sendable (PipelineRunReport) -> Void

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let report = await pipeline.runOnce()
            metrics.recordPipelineRun(report.outcome)
            onReport(report)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
