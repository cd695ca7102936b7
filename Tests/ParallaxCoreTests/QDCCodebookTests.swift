import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The REFI-QDA codebook file (`.qdc`): what Parallax writes is valid against the standard's
/// Codebook.xsd (checked with libxml2's validator), reads back to the same questions, and a
/// file from another tool is read or refused with every problem at its line and column.
@Suite("REFI-QDA codebook (.qdc)")
struct QDCCodebookTests {
    static let schema = Fixtures.root + "/Tests/ParallaxCoreTests/Snapshots/refi-qda/Codebook.xsd"

    /// The bundled codebook, with a definition, criteria, examples, a colour, a retired
    /// question and text that exercises escaping and Unicode.
    static let book: Codebook = {
        var book = try! JSONDecoder().decode(Codebook.self, from: Data(Fixtures.bytes(Fixtures.annotationsDirectory + "/codebook.json")!))
        book = try! book.defining("reset-wedge", definition: "Whether Moscow would \u{201C}flip\u{201D} <for> a U.S. offer & at what price.\nSecond line\u{00A0}with NBSP.",
                                  include: "Explicit claims about Moscow’s choices; Aydıntaşbaş’s 🇹🇷 view.", exclude: "Claims about Beijing alone.",
                                  examples: ["01TESTAAAAAAAAAAAAAAAAAAAA", "01TESTBBBBBBBBBBBBBBBBBBBB"])
        book = try! book.retiring("us-russia-reset")
        book.questions[1].colour = "#1A9850"
        book.questions[1].text += "\r\nwith a CR LF and e\u{0301} combining"
        return book
    }()

    /// The questions without the local history a `.qdc` does not carry.
    func exchanged(_ book: Codebook) -> [Question] {
        book.questions.map { var q = $0; q.renamedFrom = nil; q.mergedFrom = nil; return q }
    }

    @Test("the exported codebook is valid against the standard's Codebook.xsd")
    func validAgainstSchema() throws {
        let bytes = try QDCCodebook.export(Self.book)
        #expect(XMLSchemaValidator.problems(bytes, schemaAt: Self.schema) == [])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Parallax">"#))
        #expect(text.contains(#"name="reset-wedge: -1 unlikely" isCodable="true""#))
        #expect(text.contains(##"color="#1A9850""##))
        #expect(text.contains("&lt;for&gt; a U.S. offer &amp; at what price."))
        // Names are unique across the codebook, as the standard asks.
        let names = text.split(separator: "\n").compactMap { line -> Substring? in
            guard let r = line.range(of: #" name=""#) else { return nil }
            return line[r.upperBound...].prefix { $0 != "\"" }
        }
        #expect(Set(names).count == names.count && names.count == Self.book.questions.reduce(0) { $0 + 1 + $1.scale.count })
    }

    @Test("the validator catches a file the schema refuses (the check can fail)")
    func validatorRefuses() throws {
        let text = String(decoding: try QDCCodebook.export(Self.book), as: UTF8.self)
        let missing = text.replacingOccurrences(of: #" isCodable="false""#, with: "")
        #expect(XMLSchemaValidator.problems(Array(missing.utf8), schemaAt: Self.schema).contains { $0.contains("isCodable") })
        let badColour = text.replacingOccurrences(of: "#1A9850", with: "green")
        #expect(!XMLSchemaValidator.problems(Array(badColour.utf8), schemaAt: Self.schema).isEmpty)
        let badGUID = text.replacingOccurrences(of: #"guid=""#, with: #"guid="x"#)
        #expect(!XMLSchemaValidator.problems(Array(badGUID.utf8), schemaAt: Self.schema).isEmpty)
    }

    @Test("export then import into an empty codebook gives the same questions")
    func roundTrip() throws {
        let bytes = try QDCCodebook.export(Self.book)
        let read = try QDCCodebook.read(bytes, path: "book.qdc")
        #expect(read.questions == exchanged(Self.book))
        let merged = try QDCCodebook.merge(bytes, path: "book.qdc", into: Codebook(questions: []))
        #expect(merged.codebook.questions == exchanged(Self.book))
        #expect(merged.added == Self.book.questions.map(\.id))
        // Into the codebook it came from: nothing to add.
        let again = try QDCCodebook.merge(bytes, path: "book.qdc", into: Self.book)
        #expect(again.added.isEmpty && again.unchanged == Self.book.questions.map(\.id) && again.codebook == Self.book)
    }

    @Test("an empty codebook cannot be exported: the standard needs one code")
    func emptyRefused() {
        #expect(throws: ParallaxError.self) { try QDCCodebook.export(Codebook(questions: [])) }
    }

    @Test("a codebook from another tool: names become ids, unnumbered children are numbered in order")
    func foreign() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">
          <Codes>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="Economic Policy" isCodable="true" color="#46AA00">
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98343" name="Negative" isCodable="true"/>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98344" name="Neutral" isCodable="true"/>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98345" name="Positive" isCodable="true"/>
            </Code>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98346" name="Türkiye’s rôle" isCodable="false">
              <Description>How Ankara is placed.</Description>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98347" name="+2 central" isCodable="true"/>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98348" name="-2 marginal" isCodable="true"/>
            </Code>
          </Codes>
          <Sets><Set guid="0D62985D-B147-5D01-A9B5-CAE5DCD98349" name="group"/></Sets>
        </CodeBook>
        """
        let book = try QDCCodebook.read(Array(xml.utf8), path: "qc.qdc")
        #expect(book.questions.map(\.id) == ["economic-policy", "turkiye-s-role"])
        #expect(book.questions[0].text == "Economic Policy")
        #expect(book.questions[0].scale == [.init(value: 1, label: "Negative"), .init(value: 2, label: "Neutral"), .init(value: 3, label: "Positive")])
        #expect(book.questions[0].colour == "#46AA00")
        #expect(book.questions[1].text == "How Ankara is placed.")
        #expect(book.questions[1].scale == [.init(value: -2, label: "marginal"), .init(value: 2, label: "central")])
        #expect(book.problems().isEmpty)
    }

    @Test("every problem is reported at its file:line:column with what to do, and nothing is read")
    func problemsLocated() {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
          <Codes>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="flat" isCodable="true"/>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98343" name="dup" isCodable="false">
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98344" name="dup: -1 no" isCodable="true"/>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98345" name="dup: -1 nope" isCodable="true"/>
            </Code>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98346" name="deep" isCodable="false" color="green">
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98347" name="-1 a" isCodable="true">
                <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98348" name="x" isCodable="true"/>
              </Code>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98349" name="b" isCodable="true"/>
            </Code>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98350" name="réset" isCodable="false">
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98351" name="1" isCodable="true"/><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98352" name="2" isCodable="true"/>
            </Code>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98353" name="Reset" isCodable="false">
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98354" name="1" isCodable="true"/><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98355" name="2" isCodable="true"/>
            </Code>
          </Codes>
        </CodeBook>
        """
        do {
            _ = try QDCCodebook.read(Array(xml.utf8), path: "bad.qdc")
            Issue.record("a bad file was read")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.count == 6, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("bad.qdc:4:5: code \"flat\" has no child codes") && $0.contains("add child codes") })
            #expect(lines.contains { $0.hasPrefix("bad.qdc:7:7: stance -1 appears twice under \"dup\"") })
            #expect(lines.contains { $0.hasPrefix("bad.qdc:11:9: code \"x\" is nested two levels under \"deep\"") })
            #expect(lines.contains { $0.hasPrefix("bad.qdc:9:5: the colour \"green\" of code \"deep\" is not #RRGGBB") })
            #expect(lines.contains { $0.hasPrefix("bad.qdc:13:7: child code \"b\" of \"deep\" does not start with a stance value") })
            #expect(lines.contains { $0.hasPrefix("bad.qdc:18:5: two codes give the question id reset (the other is on line 15)") })
        }
    }

    @Test("a file that is not XML, not a codebook or a zip is refused with where and what to do")
    func notACodebook() {
        func first(_ text: String) -> String {
            do { _ = try QDCCodebook.read(Array(text.utf8), path: "f.qdc"); return "" } catch { return error.problems.first?.description ?? "" }
        }
        #expect(first("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n  <Codes>\n</CodeBook>").hasPrefix("f.qdc:3:"))
        #expect(first(#"<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>"#).contains("this is a REFI-QDA project's XML"))
        #expect(first("PK\u{3}\u{4}rest").contains("zip archive"))
        #expect(first(#"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>"#).contains("no Codes element"))
    }

    @Test("merging refuses a question that differs from the codebook's, and an old id")
    func mergeConflicts() throws {
        var theirs = Self.book
        theirs.questions[0].scale[0].label = "never"
        let bytes = try QDCCodebook.export(Codebook(questions: [theirs.questions[0]]))
        do {
            _ = try QDCCodebook.merge(bytes, path: "t.qdc", into: Self.book)
            Issue.record("a conflicting question was merged")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].description.hasPrefix("t.qdc:4:5: question reset-wedge already exists, different (its scale is -2 no,"))
        }
        let renamed = try Self.book.renaming("reset-wedge", to: "reverse-nixon")
        #expect(throws: ImportFailure.self) { try QDCCodebook.merge(bytes, path: "t.qdc", into: renamed) }
    }

    @Test("the store adds a file's questions durably, as one undoable change; a bad file changes nothing")
    func storeImport() throws {
        let dir = Fixtures.annotationsDirectory(sets: [:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/codebook.json"
        let before = Fixtures.bytes(path)!
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        var new = Question(id: "sanctions-bite", text: "Do sanctions bite?", scale: [.init(value: 0, label: "no"), .init(value: 1, label: "yes")])
        new.definition = "Measurable economic cost"
        let file = try QDCCodebook.export(Codebook(questions: [store.codebook.questions[0], new]))
        let result = try store.importQuestions(file, path: "team.qdc")
        #expect(result.added == ["sanctions-bite"] && result.unchanged == [store.codebook.questions[0].id])
        let fresh = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(fresh.codebook.question("sanctions-bite") == new)
        #expect(try store.undo() == "undid import of 1 question from team.qdc")
        #expect(Fixtures.bytes(path) == before)
        #expect(try store.redoChange() == .questionsImported(ids: ["sanctions-bite"], from: "team.qdc"))
        #expect(try AnnotationStore(directory: dir, corpus: Fixtures.corpus).codebook.question("sanctions-bite") != nil)
        _ = try store.undoChange()
        #expect(throws: ImportFailure.self) { try store.importQuestions(Array("<CodeBook".utf8), path: "bad.qdc") }
        #expect(Fixtures.bytes(path) == before)
    }

    @Test("columns count Unicode scalars, also after accents, emoji and a tag spread over lines")
    func columnsInScalars() {
        let xml = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
            + "<Code guid=\"0D62985D-B147-5D01-A9B5-CAE5DCD98342\" name=\"Aydıntaşbaş 🇹🇷\" isCodable=\"true\"><Code guid=\"0D62985D-B147-5D01-A9B5-CAE5DCD98343\" name=\"a\" isCodable=\"true\"/></Code>"
            + "<Code guid=\"0D62985D-B147-5D01-A9B5-CAE5DCD98344\"\n   name=\"é\"\n   isCodable=\"true\"/>\n</Codes></CodeBook>"
        do {
            _ = try QDCCodebook.read(Array(xml.utf8), path: "u.qdc")
            Issue.record("a bad file was read")
        } catch {
            let lines = error.problems.map(\.description)
            let line2 = Array(xml.split(separator: "\n")[1].unicodeScalars)
            let second = line2.indices.filter { line2[$0] == "<" }.dropFirst(3).first.map { $0 + 1 } ?? 0
            #expect(lines.count == 2, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("u.qdc:2:1: code \"Aydıntaşbaş 🇹🇷\" has one child code") })
            #expect(lines.contains { $0.hasPrefix("u.qdc:2:\(second): code \"é\" has no child codes") }, "\(lines) \(second)")
        }
    }
}

/// The `.qdc` description's paragraphs: a value with a paragraph that reads as a label, blank
/// lines of spaces from other tools, and code sets reported as left out.
@Suite("REFI-QDA codebook (.qdc): descriptions and code sets")
struct QDCDescriptionTests {
    static func code(_ description: String, sets: String = "") -> [UInt8] {
        Array("""
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
          <Codes>
            <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="wedge" isCodable="false">
              <Description>\(description)</Description>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98343" name="-1 no" isCodable="true"/>
              <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98344" name="+1 yes" isCodable="true"/>
            </Code>
          </Codes>\(sets)
        </CodeBook>
        """.utf8)
    }

    @Test("a definition with a blank line and then a line starting Include: round-trips; nothing else is split off")
    func labelInsideValue() throws {
        var book = Codebook(questions: [Question(id: "wedge", text: "Would Moscow flip?\n\nDefinition: not a label here", scale: [.init(value: -1, label: "no"), .init(value: 1, label: "yes")])])
        book = try book.defining("wedge", definition: "A wedge strategy.\n\nInclude: this paragraph is part of the definition\n\n\\Exclude: so is this one, backslash and all",
                                 include: "Explicit claims.\n  \nInclude:\nstill the criterion", exclude: "Hopes.", examples: nil)
        let bytes = try QDCCodebook.export(book)
        let read = try QDCCodebook.read(bytes, path: "book.qdc")
        #expect(read.questions == book.questions)
        // What the file says: the paragraphs that would read as labels are escaped.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Definition: A wedge strategy.\n\n\\Include: this paragraph is part of the definition\n\n\\\\Exclude: so is this one"), "\(text)")
    }

    @Test("another tool's description: blank lines of spaces and a label followed by a line end start sections")
    func foreignParagraphs() throws {
        let book = try QDCCodebook.read(Self.code("Whether Moscow would flip.\n   \nInclude:\nexplicit claims\n\nonly those\n\t\nExclude: hopes"), path: "qc.qdc")
        let q = try #require(book.questions.first)
        #expect(q.text == "Whether Moscow would flip.")
        #expect(q.include == "explicit claims\n\nonly those")
        #expect(q.exclude == "hopes")
        #expect(q.definition == nil)
    }

    @Test("code sets are not imported and the import names them; the command warns")
    func codeSets() throws {
        let sets = """

          <Sets>
            <Set guid="0D62985D-B147-5D01-A9B5-CAE5DCD98349" name="economy"><MemberCode targetGUID="0D62985D-B147-5D01-A9B5-CAE5DCD98343"/><MemberCode targetGUID="0D62985D-B147-5D01-A9B5-CAE5DCD98344"/></Set>
            <Set guid="0D62985D-B147-5D01-A9B5-CAE5DCD9834A" name="empty"/>
          </Sets>
        """
        let bytes = Self.code("Would Moscow flip?", sets: sets)
        let merged = try QDCCodebook.merge(bytes, path: "sets.qdc", into: Codebook(questions: []))
        #expect(merged.added == ["wedge"])
        #expect(merged.codeSetsLeftOut == ["economy (2 codes)", "empty (0 codes)"])
        let none = try QDCCodebook.merge(Self.code("Would Moscow flip?"), path: "plain.qdc", into: Codebook(questions: []))
        #expect(none.codeSetsLeftOut.isEmpty)

        let project = ParallaxBinary.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        _ = FileManager.default.createFile(atPath: project + "/sets.qdc", contents: Data(bytes))
        let run = try ParallaxBinary.run(["--set", "alice", "-c", "import qdc sets.qdc"], directory: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("imported 1 question from sets.qdc: wedge"), "\(run.stdout)")
        #expect(run.stderr == "warning: sets.qdc: 2 code sets were not imported: economy (2 codes), empty (0 codes) — Parallax has no code sets (questions are not grouped); keep them in your QDA tool\n")
    }
}
