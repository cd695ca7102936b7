import Crypto

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so the same name
/// always gives the same GUID and a re-export is byte-identical.
enum NameBasedUUID {
    /// The RFC's namespace for URLs, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    static let urlNamespace: [UInt8] = [0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1,
                                        0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]

    /// The 16 bytes of the version 5 UUID of `name` in `namespace`.
    static func bytes(namespace: [UInt8], name: String) -> [UInt8] {
        var hash = Insecure.SHA1()
        hash.update(data: namespace)
        hash.update(data: Array(name.utf8))
        var b = Array(hash.finalize().prefix(16))
        b[6] = (b[6] & 0x0F) | 0x50
        b[8] = (b[8] & 0x3F) | 0x80
        return b
    }

    /// The UUID's text form, upper case (`XXXXXXXX-XXXX-5XXX-YXXX-XXXXXXXXXXXX`).
    static func text(_ b: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(0x2D) }
            out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
