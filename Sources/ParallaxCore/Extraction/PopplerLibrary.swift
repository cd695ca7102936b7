#if canImport(Glibc)
import Glibc
#endif
import CParallaxPoppler

/// poppler's GLib interface, opened on the first PDF read rather than at every start.
///
/// Linked as usual, poppler and its dependencies (GLib, NSS, lcms, freetype, …) made up most
/// of the shared libraries the dynamic linker loaded before `main`, for every process, PDF or
/// not. The functions come from one table filled by `parallax_poppler_open` (in the shim).
package enum PopplerLibrary {
    /// The table of functions, or why it could not be filled; opened once per process.
    private static let loaded = open(["libpoppler-glib.so.8", "libpoppler-glib.so"])

    /// Opens the library under the first of `names` that loads and resolves its functions.
    package static func open(_ names: [String]) -> Result<Table, ParallaxError> {
        let table = UnsafeMutablePointer<parallax_poppler_api>.allocate(capacity: 1)
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let found = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { parallax_poppler_open(table, $0.baseAddress, Int32($0.count)) }
        if let missing = found {
            table.deallocate()
            let what = String(cString: missing)
            let message = what.hasPrefix("lib") ? "reading PDFs needs poppler's GLib library (\(what)), which is not installed"
                : "the installed poppler-glib lacks \(what), which reading PDFs needs"
            return .failure(ParallaxError(.unsupported, message,
                                          hint: "install the Debian package libpoppler-glib8 (apt-get install libpoppler-glib8), or convert the PDF to text first"))
        }
        let api = table.pointee
        table.deallocate()
        return .success(Table(api: api))
    }

    /// The functions, opening the library on first use.
    /// - Parameter name: The file being read, for the error message.
    /// - Throws: ``ParallaxError`` (`.unsupported`) naming the package to install when the
    ///   library is missing.
    static func api(reading name: String?) throws -> parallax_poppler_api {
        switch loaded {
        case .success(let table): return table.api
        case .failure(let error):
            throw ParallaxError(error.kind, error.message, at: name, hint: error.hint)
        }
    }

    /// The version of the installed poppler, or `nil` when it is not installed.
    static var version: String? {
        guard case .success(let table) = loaded else { return nil }
        return table.api.poppler_get_version().map { String(cString: $0) } ?? "(unknown version)"
    }

    /// The table, immutable once filled.
    package struct Table: @unchecked Sendable {
        package let api: parallax_poppler_api
    }
}
