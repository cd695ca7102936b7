#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParallaxCore
import ParallaxStore

/// libFuzzer's entry point for a program that has its own `main` (SwiftPM gives every
/// executable one, so the runtime's `main` is never used): it parses libFuzzer's options from
/// the command line and calls `callback` once per input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// What every harness shares.
public enum FuzzDriver {
    /// Hands the process to libFuzzer with `testOneInput` as the target, and exits with its status.
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The repository root (the folder above `Fuzz/`), or `$PARALLAX_ROOT`.
    public static let root: String = {
        if let env = ProcessInfo.processInfo.environment["PARALLAX_ROOT"] { return env }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Fuzz/Sources/FuzzSupport/FuzzDriver.swift
        return url.path
    }()

    /// The bundled corpus (`Corpus/`), loaded once.
    public static let corpus: Corpus = {
        do { return try Corpus.load(from: root + "/Corpus") } catch { fatalError("corpus: \(error)") }
    }()

    /// The bundled codebook (`Annotations/codebook.json`), loaded once.
    public static let codebook: Codebook = {
        do { return try AnnotationStore(directory: root + "/Annotations", corpus: corpus).codebook }
        catch { fatalError("codebook: \(error)") }
    }()

    /// An invariant of the code under test: a violation crashes, so libFuzzer keeps the input.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: " + message()) }
    }

    /// Imports bytes through the same entry point as `import` and checks the importers'
    /// promise: codings whose spans are in order, or a refusal with problems that each say
    /// where (they start with `path`); never a crash.
    public static func checkImport(_ bytes: [UInt8], path: String, format: String) {
        do throws(ImportFailure) {
            let codings = try ImportFormats.read(bytes, path: path, format: format, corpus: corpus, codebook: codebook)
            for c in codings {
                check(c.annotation.target.start <= c.annotation.target.end, "an imported span is reversed")
            }
        } catch {
            check(!error.problems.isEmpty, "a refused import without a problem")
            for p in error.problems {
                check(p.location?.description.hasPrefix(path) == true, "a problem that does not say where: \(p)")
            }
        }
    }
}
