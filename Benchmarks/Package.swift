// swift-tools-version:6.0
// Parallax's benchmark suite: a package of its own, outside `swift test`, depending on the
// root package by path. Run the whole suite (generates data on first use, a few minutes):
//
//     swift run -c release --package-path Benchmarks parallax-bench all
//
// See README.md for the measurements and RESULTS.md for recorded numbers.
import PackageDescription

let package = Package(
    name: "ParallaxBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "parallax-bench", targets: ["ParallaxBench"]),
        .executable(name: "anchoring-bench", targets: ["AnchoringBenchmark"]),
    ],
    dependencies: [.package(name: "Parallax", path: "..")],
    targets: [
        // What both executables share (a seedable random generator).
        .target(name: "BenchSupport"),
        // Generator of synthetic corpora and annotation sets, the measurements (each run in a
        // child process of its own for peak memory), the peers, and the report.
        .executableTarget(
            name: "ParallaxBench",
            dependencies: [
                "BenchSupport",
                .product(name: "ParallaxCore", package: "Parallax"), .product(name: "ParallaxStore", package: "Parallax"),
                .product(name: "ParallaxREPL", package: "Parallax"),
            ]
        ),
        // Re-anchoring alone on one ~100 MB text, with correctness checks of every placement.
        .executableTarget(
            name: "AnchoringBenchmark",
            dependencies: ["BenchSupport", .product(name: "ParallaxCore", package: "Parallax"), .product(name: "ParallaxStore", package: "Parallax")]
        ),
    ]
)
