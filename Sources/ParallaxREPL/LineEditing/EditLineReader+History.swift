import Foundation
import ParallaxCore
import ParallaxStore

extension EditLineReader {
    /// Records `line` in the history and appends it to the history file at once, so a crash
    /// loses nothing typed before it. Blank lines and a repeat of the previous entry are
    /// not recorded.
    public func addHistory(_ line: String) {
        guard line.unicodeScalars.contains(where: { !$0.properties.isWhitespace }),
              history_mostRecent(history) != line else { return }
        history_enter(history, line)
        if let historyFile, historyWritable { append(line, toHistoryFile: historyFile) }
    }

    /// Loads the history file, creating its directory when missing. A file longer than
    /// ``historySize`` (appends from several sessions) is rewritten with its newest entries.
    func loadHistory(from path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                historyWritable = false
                historyError = ParallaxError(.io, "cannot create the history directory: \(error.localizedDescription)",
                                             at: directory, hint: "history is kept for this session only")
                return
            }
        }
        let loaded = history_load(history, path: path)
        if loaded < 0 {
            // libedit answers -1 for a missing or empty file, and for one it did not write.
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > 0 {
                historyWritable = false
                historyError = ParallaxError(.invalidData, "not a libedit history file; left unchanged", at: path,
                                             hint: "remove it or choose another history file")
            }
            return
        }
        if loaded > historySize { rewriteHistoryFile(path) }
    }

    /// Appends one entry in libedit's own format: through a one-entry history, because
    /// libedit's "save the last n entries" (H_NSAVE_FP) writes n + 1 of them in this version.
    private func append(_ line: String, toHistoryFile path: String) {
        guard let single = history_create() else { return }
        defer { history_destroy(single) }
        history_setSize(single, 1)
        history_enter(single, line)
        guard let file = system_fopen(path, "a") else { return recordWriteFailure(path) }
        // At offset 0 (a new file) libedit writes its header line first.
        let written = system_fseekToEnd(file) && history_save(single, to: file) && system_flush(file)
        if !system_fclose(file) || !written { recordWriteFailure(path) }
    }

    /// Replaces the file with the history in memory: write a temporary file, put it on disk,
    /// rename it over the old one, so a crash leaves either file whole.
    private func rewriteHistoryFile(_ path: String) {
        let temporary = "\(path).\(system_getpid()).tmp"
        guard let file = system_fopen(temporary, "w") else { return recordWriteFailure(temporary) }
        let written = history_save(history, to: file) && system_flush(file, durably: true)
        if system_fclose(file), written, system_rename(temporary, path) { return }
        system_unlink(temporary)
        recordWriteFailure(path)
    }

    private func recordWriteFailure(_ path: String) {
        let code = system_errno()
        historyError = ParallaxError(.io, "cannot write the history: \(system_strerror(code))", at: path,
                                     hint: "history is kept for this session only")
    }
}
