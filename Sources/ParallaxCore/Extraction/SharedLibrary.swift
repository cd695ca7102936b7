#if canImport(Glibc)
import Glibc
#endif

/// A reader's C library opened with `dlopen` on first use instead of linked: its functions
/// are resolved by the library's shim (`parallax_poppler_open`, `parallax_xml_open`) into one
/// table of type `API`. A process that reads no PDF or web page then never loads them.
package enum SharedLibrary {
    /// The filled table of functions (immutable once filled).
    package struct Table<API>: @unchecked Sendable {
        /// The functions.
        package let api: API
    }

    /// What to tell a user whose machine lacks the library.
    package struct Need: Sendable {
        /// What the library is for ("reading PDFs").
        var purpose: String
        /// How the message names it ("poppler's GLib library").
        var library: String
        /// Its short name, for a library found without a function ("poppler-glib").
        var name: String
        /// The Debian package that installs it.
        var package: String
        /// What to do without it ("convert the PDF to text first").
        var otherwise: String
    }

    /// Opens the library under the first of `names` that loads and resolves every function.
    /// - Parameter opener: The shim's function: fills the table, returns `nil`, or the name
    ///   of what is missing (a library file, or a function of it).
    /// - Returns: The table, or one `.unsupported` error naming the package to install.
    package static func open<API>(_ names: [String], need: Need,
                                  with opener: (UnsafeMutablePointer<API>, UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> UnsafePointer<CChar>?)
        -> Result<Table<API>, ParallaxError> {
        let table = UnsafeMutablePointer<API>.allocate(capacity: 1)
        defer { table.deallocate() }
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let missing = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { opener(table, $0.baseAddress, Int32($0.count)) }
        guard let missing else { return .success(Table(api: table.pointee)) }
        let what = String(cString: missing)
        let message = what.hasPrefix("lib") ? "\(need.purpose) needs \(need.library) (\(what)), which is not installed"
            : "the installed \(need.name) lacks \(what), which \(need.purpose) needs"
        return .failure(ParallaxError(.unsupported, message,
                                      hint: "install the Debian package \(need.package) (apt-get install \(need.package)), or \(need.otherwise)"))
    }

    /// The functions of a library opened by ``open(_:need:with:)``.
    /// - Parameter name: The file being read, for the error message.
    /// - Throws: ``ParallaxError`` (`.unsupported`) naming the package to install.
    package static func api<API>(_ loaded: Result<Table<API>, ParallaxError>, reading name: String?) throws -> API {
        switch loaded {
        case .success(let table): return table.api
        case .failure(let error): throw ParallaxError(error.kind, error.message, at: name, hint: error.hint)
        }
    }
}
