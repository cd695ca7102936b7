/// Splits RFC 4180 CSV into records of cells, remembering the line each record starts on.
///
/// Records end with CR LF, LF or CR; a quoted cell may hold `,`, `""` and line breaks, kept
/// exactly. Lines with nothing on them are skipped. Strict where guessing would corrupt data:
/// text after a closing quote, or a quote that never closes, is an error, never a guess.
struct CSVReader {
    /// One record.
    struct Record {
        /// 1-based line the record starts on.
        var line: Int
        /// The cells, unquoted.
        var cells: [String]
    }

    /// A syntax error and the line it is on.
    struct Failure: Error {
        var message: String
        var line: Int
    }

    /// Reads every record of a UTF-8 file (a byte-order mark is skipped).
    /// - Throws: ``Failure`` at the first syntax error or invalid UTF-8; no record is worth
    ///   trusting after one, since cells would shift.
    static func records(_ bytes: [UInt8]) throws(Failure) -> [Record] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if let bad = ScalarText.firstInvalidUTF8(Array(bytes[start...])) {
            let line = 1 + bytes[start..<(start + bad)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw Failure(message: "invalid UTF-8 at byte \(start + bad): save the file as UTF-8", line: line)
        }
        var records: [Record] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = start
        var atCellStart = true
        var recordHasContent = false
        let n = bytes.count

        func endCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
            atCellStart = true
        }
        func endRecord() {
            endCell()
            if recordHasContent || cells.count > 1 { records.append(Record(line: recordLine, cells: cells)) }
            cells.removeAll()
            recordHasContent = false
        }

        while i < n {
            let b = bytes[i]
            if atCellStart && b == 0x22 {
                // Quoted cell.
                let quoteLine = line
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == 0x22 {
                        if i + 1 < n && bytes[i + 1] == 0x22 { cell.append(0x22); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    if c == 0x0A { line += 1 } else if c == 0x0D && !(i + 1 < n && bytes[i + 1] == 0x0A) { line += 1 }
                    cell.append(c); i += 1
                }
                guard closed else { throw Failure(message: "a quoted cell opened here never closes", line: quoteLine) }
                recordHasContent = true
                atCellStart = false
                if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    throw Failure(message: "text after a closing quote (a quote inside a quoted cell is written \"\")", line: line)
                }
                continue
            }
            switch b {
            case 0x2C:
                endCell(); recordHasContent = true; i += 1
            case 0x0A, 0x0D:
                endRecord()
                i += (b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1
                line += 1
                recordLine = line
            case 0x22:
                throw Failure(message: "a quote inside an unquoted cell (quote the whole cell and double the quote)", line: line)
            default:
                cell.append(b); recordHasContent = true; atCellStart = false; i += 1
            }
        }
        if recordHasContent || !cells.isEmpty { endRecord() }
        return records
    }
}
