import Foundation

/// Turns Foundation's decoding errors into one line that says where.
package enum DecodingErrorText {
    /// - Parameters:
    ///   - error: What `JSONDecoder` threw.
    ///   - bytes: The document, to find the line and column of a syntax error (Foundation
    ///     only says "The given data was not valid JSON").
    package static func describe(_ error: DecodingError, bytes: [UInt8]? = nil) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "top level" : text)
        }
        func kind(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type: return "a whole number"
            case is Double.Type, is Float.Type: return "a number"
            case is String.Type: return "a string"
            case is Bool.Type: return "true or false"
            default:
                let name = "\(type)"
                return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : name
            }
        }
        switch error {
        case .keyNotFound(let key, let c):
            return "\(path(c.codingPath + [key])): missing"
        case .typeMismatch(let type, let c):
            return "\(path(c.codingPath)): expected \(kind(type))"
        case .valueNotFound(let type, let c):
            return "\(path(c.codingPath)): expected \(kind(type)), found null"
        case .dataCorrupted(let c):
            if c.codingPath.isEmpty, let bytes {
                do throws(JSONTree.Failure) {
                    _ = try JSONTree.parse(bytes)
                } catch {
                    return "line \(error.line), column \(error.column): \(error.message) — the file is not valid JSON"
                }
            }
            let underlying = (c.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "\(path(c.codingPath)): \(underlying ?? c.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
