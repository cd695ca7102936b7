// swift-tools-version:6.0
import PackageDescription

// CI builds with PARALLAX_STRICT=1: warnings in Parallax's own targets are errors there
// (dependencies keep their warnings), while a local build still runs with a warning.
let strict: [SwiftSetting] = Context.environment["PARALLAX_STRICT"] == "1" ? [.unsafeFlags(["-warnings-as-errors"])] : []

let package = Package(
    name: "Parallax",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "parallax", targets: ["parallax"]),
        .library(name: "ParallaxCore", targets: ["ParallaxCore"]),
        .library(name: "ParallaxStore", targets: ["ParallaxStore"]),
        .library(name: "ParallaxREPL", targets: ["ParallaxREPL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Property-based tests only (generators and shrinking in Swift Testing).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // The system C library libedit, reached through a module map and static inline shims
        // for its variadic functions (el_set, el_get, history).
        .systemLibrary(
            name: "CLibedit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // zlib, to check a zip entry's compressed data before ZIPFoundation inflates it.
        .systemLibrary(
            name: "CParallaxZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // poppler's GLib interface, to read a PDF's text layer and metadata from memory:
        // opened on the first PDF read (libpoppler-glib8 at run time; no headers needed).
        .systemLibrary(name: "CParallaxPoppler"),
        // libxml2's HTML parser (error-tolerant, as browsers are), to read web pages.
        .systemLibrary(
            name: "CParallaxLibxml2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The pure core: corpus, spans, folding and search, the store, comparison, agreement,
        // exports. No terminal I/O; output goes through injected streams.
        .target(
            name: "ParallaxCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CParallaxZlib",
                "CParallaxPoppler",
                "CParallaxLibxml2",
            ]
        ),
        // The file system: durable set files, journals, locks, corpus folders, export files.
        // Everything that touches the disk lives here, so the core stays pure.
        .target(
            name: "ParallaxStore",
            dependencies: ["ParallaxCore"]
        ),
        // The session, the command registry, output formatting and line editing.
        .target(
            name: "ParallaxREPL",
            dependencies: ["ParallaxCore", "ParallaxStore", "CLibedit"]
        ),
        // A thin executable: parses options and hands off to ParallaxREPL.
        .executableTarget(
            name: "parallax",
            dependencies: [
                "ParallaxREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["ParallaxCore", "ParallaxStore", "CParallaxLibxml2", .product(name: "PropertyBased", package: "swift-property-based")],
                path: "Tests/TestSupport"),
        // Snapshots are read by path (Fixtures.root), not bundled as resources.
        .testTarget(name: "ParallaxCoreTests", dependencies: ["ParallaxCore", "ParallaxStore", "TestSupport",
                                                            .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Snapshots"]),
        .testTarget(name: "ParallaxStoreTests", dependencies: ["ParallaxStore", "TestSupport"]),
        .testTarget(name: "ParallaxREPLTests", dependencies: ["ParallaxREPL", "TestSupport",
                                                            .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ParallaxEndToEndTests", dependencies: ["TestSupport"], exclude: ["Snapshots"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
