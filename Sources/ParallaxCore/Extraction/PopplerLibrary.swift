import CParallaxPoppler

/// poppler's GLib interface, opened on the first PDF read rather than at every start.
///
/// Linked as usual, poppler and its dependencies (GLib, NSS, lcms, freetype, …) made up most
/// of the shared libraries the dynamic linker loaded before `main`, for every process, PDF or
/// not. The functions come from one table filled by `parallax_poppler_open` (in the shim).
package enum PopplerLibrary {
    /// The table of functions, or why it could not be filled; opened once per process.
    private static let loaded = open(["libpoppler-glib.so.8", "libpoppler-glib.so"])

    private static let need = SharedLibrary.Need(purpose: "reading PDFs", library: "poppler's GLib library", name: "poppler-glib",
                                                 package: "libpoppler-glib8", otherwise: "convert the PDF to text first")

    /// Opens the library under the first of `names` that loads and resolves its functions.
    package static func open(_ names: [String]) -> Result<SharedLibrary.Table<parallax_poppler_api>, ParallaxError> {
        SharedLibrary.open(names, need: need) { parallax_poppler_open($0, $1, $2) }
    }

    /// The functions, opening the library on first use.
    /// - Parameter name: The file being read, for the error message.
    /// - Throws: ``ParallaxError`` (`.unsupported`) naming the package to install.
    static func api(reading name: String?) throws -> parallax_poppler_api {
        try SharedLibrary.api(loaded, reading: name)
    }

    /// The version of the installed poppler, or `nil` when it is not installed.
    static var version: String? {
        guard case .success(let table) = loaded else { return nil }
        return table.api.poppler_get_version().map { String(cString: $0) } ?? "(unknown version)"
    }
}
