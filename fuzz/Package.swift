// swift-tools-version:6.1
// The libFuzzer target of FlightQL's GraphQL engine, in its own package so that a sanitizer build compiles only the
// engine (Sources/GraphQLEngine is a symbolic link to the product's sources), never Hummingbird or the stores.
// Build and run through `fuzz/run.sh` (`make fuzz SECONDS=N`); the scratch folder is .build-fuzz at the repo root.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "flightql-fuzz",
    platforms: [.macOS(.v15)],
    targets: [
        .target(name: "GraphQLEngine", path: "Sources/GraphQLEngine", swiftSettings: swiftSettings),
        // LLVMFuzzerTestOneInput over lexer, parser, printer, validator and executor on schema/flightql.graphql.
        .executableTarget(
            name: "GraphQLFuzz",
            dependencies: ["GraphQLEngine"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
