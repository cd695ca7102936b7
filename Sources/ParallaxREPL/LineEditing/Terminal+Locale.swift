#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Makes the C library's character encoding UTF-8, which libedit needs to read, show and
    /// edit non-ASCII text (under the "C" locale it drops every byte above 127 without a
    /// word).
    ///
    /// Takes the locale from the environment (`setlocale(LC_ALL, "")`); if its encoding is
    /// not UTF-8, switches to `C.UTF-8` (or `UTF-8` for the character type only, as macOS
    /// names it). Numbers are kept in the "C" form (`LC_NUMERIC`) so that no C formatting
    /// ever writes a decimal comma into an export. Safe to call more than once.
    /// - Returns: Whether the encoding is UTF-8 afterwards.
    @discardableResult
    public static func useUTF8Locale() -> Bool {
        _ = system_setlocale(LC_ALL, "")
        defer { _ = system_setlocale(LC_NUMERIC, "C") }
        if isUTF8(codeset: system_codeset()) { return true }
        if system_setlocale(LC_ALL, "C.UTF-8"), isUTF8(codeset: system_codeset()) { return true }
        for name in ["C.utf8", "en_US.UTF-8", "UTF-8"] where system_setlocale(LC_CTYPE, name) {
            if isUTF8(codeset: system_codeset()) { return true }
        }
        return false
    }

    /// Whether a `nl_langinfo(CODESET)` answer names UTF-8 (`UTF-8`, `utf8`, ...).
    static func isUTF8(codeset: String) -> Bool {
        let letters = codeset.lowercased().filter { $0.isLetter || $0.isNumber }
        return letters == "utf8"
    }
}
