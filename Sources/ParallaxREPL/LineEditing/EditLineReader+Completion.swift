import CLibedit

extension EditLineReader {
    /// libedit's entry point for TAB (the editor command "parallax-complete").
    static func completionCallback(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
        guard let reader = reader(of: editor) else { return UInt8(CC_ERROR) }
        return UInt8(reader.completeWordBeforeCursor())
    }

    /// Completes the word before the cursor: edits the line, lists the candidates under it
    /// when there are several, and tells libedit how to redraw.
    /// - Returns: A libedit `CC_` code: `CC_ERROR` (beep) when there is nothing to complete.
    func completeWordBeforeCursor() -> Int32 {
        guard let completer else { return CC_ERROR }
        let line = edit_lineAroundCursor(editor)
        let edit = CompletionEdit(completer.complete(line.before), beforeCursor: line.before, afterCursor: line.after)
        if edit.isEmpty { return CC_ERROR }
        if edit.deleteCount > 0 { edit_deleteBeforeCursor(editor, edit.deleteCount) }
        if !edit.insertion.isEmpty, !edit_insert(editor, edit.insertion) { return CC_REFRESH_BEEP }
        if !edit.listing.isEmpty {
            // Raw mode may not turn \n into \r\n, hence the explicit \r. CC_REDISPLAY then
            // draws the prompt and the line again below the listing.
            let listing = CompletionListing(edit.listing, width: Terminal.width)
            system_write("\r\n" + listing.lines.joined(separator: "\r\n") + "\r\n", to: system_stdout())
            return CC_REDISPLAY
        }
        return edit.changesLine ? CC_REFRESH : CC_NORM
    }
}
