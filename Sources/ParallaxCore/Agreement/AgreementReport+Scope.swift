extension AgreementReport {
    /// The coders' positions by set name and the questions in scope: what the stance and the
    /// unitizing reports both check and compute first.
    /// - Throws: ``ParallaxError`` for fewer than two coders, a set named twice, or an
    ///   unknown question.
    static func coderIndexAndScope(coders: [String], question: String?, codebook: Codebook) throws
        -> (coderIndex: [String: Int], scope: [Question]) {
        guard coders.count >= 2 else {
            throw ParallaxError(.usage, "agreement needs at least two coders, not \(coders.count)",
                                hint: "name two or more annotation sets")
        }
        var coderIndex: [String: Int] = [:]
        for (i, name) in coders.enumerated() {
            guard coderIndex.updateValue(i, forKey: name) == nil else {
                throw ParallaxError(.usage, "set \(name) is named twice",
                                    hint: "agreement compares different coders: name each set once")
            }
        }
        var scope: [Question] = []
        if let question {
            scope = [try codebook.require(question)]
        } else {
            var seen = Set<String>()
            scope = codebook.questions.filter { seen.insert($0.id).inserted }
        }
        return (coderIndex, scope)
    }
}
