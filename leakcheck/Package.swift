// swift-tools-version:6.1
// The leak check of `make test` (scripts/leak-check.sh), in its own package so that only the Documents layer and
// the loop over it are built with AddressSanitizer, into their own scratch folder (.build-leak), without rebuilding
// the product. `Sources/Documents` and `Sources/CMongoc` are symbolic links to the product's; the loop's source is
// the one `LeakLoopTests` runs. swift-nio is built without instrumentation: LeakSanitizer intercepts every
// allocation (libmongoc's and libbson's included) whether or not the caller was instrumented.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
let addressSanitizer: [SwiftSetting] = [.unsafeFlags(["-sanitize=address"])]

let package = Package(
    name: "leakcheck",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2")
    ],
    targets: [
        .systemLibrary(name: "CMongoc", pkgConfig: "libmongoc-1.0", providers: [.apt(["libmongoc-dev"])]),
        .target(
            name: "Documents",
            dependencies: ["CMongoc", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings + addressSanitizer
        ),
        .executableTarget(
            name: "LeakLoop",
            dependencies: ["Documents"],
            swiftSettings: swiftSettings + addressSanitizer,
            linkerSettings: [.unsafeFlags(["-sanitize=address"])]
        ),
    ]
)
