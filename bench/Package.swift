// swift-tools-version:6.1
// FlightQL's benchmarks, in their own package (as swift-nio keeps `Benchmarks/Package.swift`) so that nothing
// needed only to measure ever reaches the product. It uses the product's `GraphQLEngine` library through a path
// dependency on the repository root. Run everything through `bench/run.sh` (or `make bench`).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "flightql-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "flightql", path: "..")
    ],
    targets: [
        // Parse and parse + validate of the peers' documents, the same method as the peers' harnesses.
        .executableTarget(
            name: "ParseBench",
            dependencies: [.product(name: "GraphQLEngine", package: "flightql")],
            swiftSettings: swiftSettings
        )
    ]
)
