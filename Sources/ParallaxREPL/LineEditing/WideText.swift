#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions between Swift strings and libedit's wide-character strings.
///
/// On Linux and macOS a `wchar_t` is 32 bits and holds one Unicode scalar, so libedit's
/// character counts and cursor offsets are scalar counts, the unit of
/// ``Completion/replacing``.
enum WideText {
    /// The scalars of `string` as a NUL-terminated `wchar_t` array.
    static func cString(_ string: String) -> [wchar_t] {
        var wide: [wchar_t] = []
        wide.reserveCapacity(string.unicodeScalars.count + 1)
        for scalar in string.unicodeScalars { wide.append(wchar_t(truncatingIfNeeded: scalar.value)) }
        wide.append(0)
        return wide
    }

    /// Calls `body` with `string` as a NUL-terminated wide C string valid during the call.
    static func withCString<R>(_ string: String, _ body: (UnsafePointer<wchar_t>) throws -> R) rethrows -> R {
        try cString(string).withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// The string of `count` wide characters at `pointer`; a value that is not a Unicode
    /// scalar (a lone surrogate, or beyond U+10FFFF) becomes U+FFFD.
    static func string(_ pointer: UnsafePointer<wchar_t>, count: Int) -> String {
        string(UnsafeBufferPointer(start: pointer, count: max(0, count)))
    }

    /// The string of the wide characters in `characters` (see ``string(_:count:)``).
    static func string<C: Collection>(_ characters: C) -> String where C.Element == wchar_t {
        var scalars = String.UnicodeScalarView()
        for character in characters {
            scalars.append(Unicode.Scalar(UInt32(truncatingIfNeeded: character)) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
