// swift-tools-version:6.0
// libFuzzer harnesses for Parallax, outside the root package so the test run never builds
// them. Build and run them with `Scripts/fuzz` (see Fuzz/RESULTS.md for the flags and the
// recorded runs).
import PackageDescription

let harnesses = ["FuzzSetFile", "FuzzJournal", "FuzzCSVImport", "FuzzW3CImport", "FuzzQDPXImport", "FuzzCommandLine",
                 "FuzzHTMLReader", "FuzzPDFReader", "FuzzDOCXReader", "FuzzQDCImport"]

let package = Package(
    name: "ParallaxFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Parallax", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // The libFuzzer driver call and what every harness shares (the bundled corpus and
        // codebook, loaded once; a check that crashes so libFuzzer keeps the input).
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "ParallaxCore", package: "Parallax"), .product(name: "ParallaxStore", package: "Parallax")]
        ),
    ] + harnesses.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzSupport",
                .product(name: "ParallaxCore", package: "Parallax"),
                .product(name: "ParallaxStore", package: "Parallax"),
                .product(name: "ParallaxREPL", package: "Parallax"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        )
    }
)
