#if canImport(Glibc)
import Glibc
#endif
import CParallaxLibxml2

/// libxml2, opened on the first web page read rather than at every start.
///
/// Linked as usual, libxml2 and the ICU it is built with were loaded before `main` by every
/// process, HTML or not. The functions come from one table filled by `parallax_xml_open`
/// (in the shim).
package enum Libxml2Library {
    /// The table of functions, or why it could not be filled; opened once per process.
    private static let loaded = open(["libxml2.so.2", "libxml2.so.16", "libxml2.so"])

    /// Opens the library under the first of `names` that loads and resolves its functions.
    package static func open(_ names: [String]) -> Result<Table, ParallaxError> {
        let table = UnsafeMutablePointer<parallax_xml_api>.allocate(capacity: 1)
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let found = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { parallax_xml_open(table, $0.baseAddress, Int32($0.count)) }
        if let missing = found {
            table.deallocate()
            let what = String(cString: missing)
            let message = what.hasPrefix("lib") ? "reading web pages needs libxml2 (\(what)), which is not installed"
                : "the installed libxml2 lacks \(what), which reading web pages needs"
            return .failure(ParallaxError(.unsupported, message,
                                          hint: "install the Debian package libxml2 (apt-get install libxml2), or save the page's text as a .txt file"))
        }
        let api = table.pointee
        table.deallocate()
        return .success(Table(api: api))
    }

    /// The functions, opening the library on first use.
    /// - Parameter name: The file being read, for the error message.
    /// - Throws: ``ParallaxError`` (`.unsupported`) naming the package to install when the
    ///   library is missing.
    package static func api(reading name: String?) throws -> parallax_xml_api {
        switch loaded {
        case .success(let table): return table.api
        case .failure(let error): throw ParallaxError(error.kind, error.message, at: name, hint: error.hint)
        }
    }

    /// The table, for code that already holds a node libxml2 made (so the library is open).
    static var opened: parallax_xml_api {
        guard case .success(let table) = loaded else { preconditionFailure("libxml2 used before it was opened") }
        return table.api
    }

    /// The table, immutable once filled.
    package struct Table: @unchecked Sendable {
        package let api: parallax_xml_api
    }
}
