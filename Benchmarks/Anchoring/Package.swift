// swift-tools-version:6.0
// Re-anchoring benchmark, outside the test run: `swift run -c release` in this directory.
import PackageDescription

let package = Package(
    name: "AnchoringBenchmark",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Parallax", path: "../..")],
    targets: [
        .executableTarget(
            name: "AnchoringBenchmark",
            dependencies: [.product(name: "ParallaxCore", package: "Parallax")],
            path: "Sources"
        ),
    ]
)
