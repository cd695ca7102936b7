import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Writes the baseline's reports to a directory for a look in a browser or an editor, when
/// `PARALLAX_REPORT_PREVIEW` names one (`PARALLAX_REPORT_PREVIEW=/tmp swift test --filter
/// ExportReportPreview`); does nothing otherwise.
@Suite("Export: report preview")
struct ExportReportPreviewTests {
    @Test("write report.md and report.html of the baseline to $PARALLAX_REPORT_PREVIEW (a tool: runs only when it is set)",
          .enabled(if: !(ProcessInfo.processInfo.environment["PARALLAX_REPORT_PREVIEW"] ?? "").isEmpty))
    func preview() throws {
        let dir = try #require(ProcessInfo.processInfo.environment["PARALLAX_REPORT_PREVIEW"])
        let input = ExportInput(codings: Fixtures.baselineCodings, corpus: Fixtures.corpus, codebook: Fixtures.codebook,
                                generated: "2026-11-24T09:30:00Z")
        for format in [MarkdownExportFormat(), HTMLExportFormat()] as [any TextExportFormat] {
            var text = ""
            try format.write(input, to: &text)
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/report." + (format.fileExtension ?? "txt")))
        }
    }
}
