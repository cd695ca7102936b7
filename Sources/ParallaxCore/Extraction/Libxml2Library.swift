import CParallaxLibxml2

/// libxml2, opened on the first web page read rather than at every start.
///
/// Linked as usual, libxml2 and the ICU it is built with were loaded before `main` by every
/// process, HTML or not. The functions come from one table filled by `parallax_xml_open`
/// (in the shim).
package enum Libxml2Library {
    /// The table of functions, or why it could not be filled; opened once per process.
    private static let loaded = open(["libxml2.so.2", "libxml2.so.16", "libxml2.so"])

    private static let need = SharedLibrary.Need(purpose: "reading web pages", library: "libxml2", name: "libxml2",
                                                 package: "libxml2", otherwise: "save the page's text as a .txt file")

    /// Opens the library under the first of `names` that loads and resolves its functions.
    package static func open(_ names: [String]) -> Result<SharedLibrary.Table<parallax_xml_api>, ParallaxError> {
        SharedLibrary.open(names, need: need) { parallax_xml_open($0, $1, $2) }
    }

    /// The functions, opening the library on first use.
    /// - Parameter name: The file being read, for the error message.
    /// - Throws: ``ParallaxError`` (`.unsupported`) naming the package to install when the
    ///   library is missing.
    package static func api(reading name: String?) throws -> parallax_xml_api {
        try SharedLibrary.api(loaded, reading: name)
    }

    /// The table, for code that already holds a node libxml2 made (so the library is open).
    static var opened: parallax_xml_api {
        guard case .success(let table) = loaded else { preconditionFailure("libxml2 used before it was opened") }
        return table.api
    }
}
