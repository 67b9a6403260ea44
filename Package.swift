// swift-tools-version:6.1
import PackageDescription

/// The compiler settings every target uses (as in hummingbird-project/hummingbird).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "flightql",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "flightql", targets: ["flightql"]),
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // The GraphQL engine: language, schema, validation, execution, introspection, JSON. No I/O.
        .target(name: "GraphQLEngine", swiftSettings: swiftSettings),

        // System libraries.
        .systemLibrary(
            name: "CMongoc",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // Stores.
        .target(
            name: "Documents",
            dependencies: [
                "CMongoc",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Relational",
            dependencies: [
                "CSQLite",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Pure computation.
        .target(name: "DelayModel", swiftSettings: swiftSettings),
        .target(name: "Drift", swiftSettings: swiftSettings),

        // Data in: CSV load, replay, HTTP collectors.
        .target(
            name: "Ingest", dependencies: ["Relational", "Documents", "GraphQLEngine", "CZlib"],
            swiftSettings: swiftSettings
        ),

        // The application and its executable.
        .target(
            name: "FlightQL",
            dependencies: [
                "GraphQLEngine", "Relational", "Documents", "DelayModel", "Drift", "Ingest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "flightql",
            dependencies: [
                "FlightQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tests: one target per target, plus the whole stack.
        .testTarget(
            name: "GraphQLEngineTests", dependencies: ["GraphQLEngine"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"], swiftSettings: swiftSettings),
        .testTarget(name: "RelationalTests", dependencies: ["Relational"], swiftSettings: swiftSettings),
        .testTarget(name: "DelayModelTests", dependencies: ["DelayModel"], swiftSettings: swiftSettings),
        .testTarget(name: "DriftTests", dependencies: ["Drift"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        // A local HTTP server answering with fixtures, for the collectors' tests.
        .target(
            name: "FixtureServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/FixtureServer",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestTests", dependencies: ["Ingest", "Relational", "Documents", "GraphQLEngine", "FixtureServer"],
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlightQLTests",
            dependencies: [
                "FlightQL", "GraphQLEngine", "Relational", "Documents", "DelayModel", "Drift", "Ingest",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "IntegrationTests", dependencies: ["FixtureServer", "Documents"], swiftSettings: swiftSettings),
    ]
)
