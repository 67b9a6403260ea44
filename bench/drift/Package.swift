// swift-tools-version:6.1
// The drift benchmark, in its own package so nothing here reaches the product. `Sources/Drift` is a symbolic link to
// the product's `Sources/Drift`, built with the same settings.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "drift-bench",
    platforms: [.macOS(.v15)],
    targets: [
        .target(name: "Drift", swiftSettings: swiftSettings),
        .executableTarget(name: "DriftBench", dependencies: ["Drift"], swiftSettings: swiftSettings),
    ]
)
