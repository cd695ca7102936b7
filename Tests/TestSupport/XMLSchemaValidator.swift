import CParallaxLibxml2
import Foundation
import ParallaxCore

/// Checks a document against an XML Schema with libxml2's validator (`xmlSchemaValidateDoc`),
/// both from memory: how the tests hold an export to its standard's XSD.
public enum XMLSchemaValidator {
    /// The validator's messages for a document (`LINE: message`), empty when it is valid.
    /// - Parameters:
    ///   - document: The XML to check.
    ///   - schemaPath: The `.xsd` file (read here; its imports are not followed).
    public static func problems(_ document: [UInt8], schemaAt schemaPath: String) -> [String] {
        guard let schema = FileManager.default.contents(atPath: schemaPath) else { return ["cannot read the schema \(schemaPath)"] }
        let lib: parallax_xml_api
        do { lib = try Libxml2Library.api(reading: schemaPath) } catch { return ["\(error)"] }
        var errors = [CChar](repeating: 0, count: 16_384)
        let result = schema.withUnsafeBytes { s in
            document.withUnsafeBufferPointer { d in
                d.withMemoryRebound(to: CChar.self) { d in
                    withUnsafePointer(to: lib) { lib in
                        parallax_xml_schema_validate(lib, s.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(s.count),
                                                 d.baseAddress, Int32(d.count), &errors, Int32(errors.count))
                    }
                }
            }
        }
        if result == 0 { return [] }
        let text = String(decoding: errors.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        switch result {
        case -1: return ["the schema \(schemaPath) cannot be read"] + lines
        case -2: return ["the document is not well-formed XML"] + lines
        default: return lines.isEmpty ? ["invalid (\(result) errors)"] : lines
        }
    }
}
