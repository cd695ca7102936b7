extension Coding {
    /// Orders codings by set name, then annotation id, comparing UTF-8 bytes.
    static func exportOrder(_ a: Coding, _ b: Coding) -> Bool {
        if a.set != b.set { return a.set.utf8.lexicographicallyPrecedes(b.set.utf8) }
        return a.annotation.id.utf8.lexicographicallyPrecedes(b.annotation.id.utf8)
    }
}
