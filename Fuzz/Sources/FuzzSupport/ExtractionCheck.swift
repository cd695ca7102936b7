import ParallaxCore

extension FuzzDriver {
    /// Reads bytes as `doc add` does (``Extractor``, then ``DocumentPlanner`` against the
    /// bundled corpus) and checks the readers' promise: a text that is stored as it is (UTF-8
    /// without CR, ending in a line feed, indexable by spans), metadata whose date is a
    /// manifest date; or a refusal that is a ``ParallaxError`` saying where (the file's
    /// name); never a crash or a hang.
    public static func checkExtraction(_ bytes: [UInt8], format: SourceFormat, name: String) {
        let extracted: ExtractedDocument
        do {
            extracted = try Extractor.extract(bytes, format: format, name: name)
        } catch let error as ParallaxError {
            check(error.location?.description.hasPrefix(name) == true, "a refusal that does not name the file: \(error)")
            check(!error.message.isEmpty, "a refusal without a message")
            return
        } catch {
            check(false, "a refusal that is not a ParallaxError: \(error)")
            return
        }
        let text = extracted.text
        check(!text.contains("\r"), "a CR in the extracted text")
        check(text.isEmpty || text.hasSuffix("\n"), "the extracted text does not end in a line feed")
        check((try? ScalarText(utf8: Array(text.utf8), origin: name)) != nil, "the extracted text is not valid UTF-8")
        if let date = extracted.metadata.date { check(DocumentDate.isValid(date), "metadata date \(date) is not a manifest date") }
        for key in extracted.metadata.origins.keys {
            check(["title", "authors", "date", "publisher"].contains(key), "an origin for an unknown field \(key)")
        }
        do {
            let plan = try DocumentPlanner.add(extracted, options: DocumentOptions(), fileName: name,
                                               sourceHash: String(repeating: "f", count: 64), corpus: corpus, now: "2026-12-04T00:00:00Z")
            check(plan.text == Array(text.utf8), "the plan stores another text than the reader made")
            check(!plan.info.id.isEmpty, "an empty document id")
        } catch let error as ParallaxError {
            check(!error.message.isEmpty, "a planning refusal without a message")
        } catch {
            check(false, "a planning refusal that is not a ParallaxError: \(error)")
        }
    }
}
