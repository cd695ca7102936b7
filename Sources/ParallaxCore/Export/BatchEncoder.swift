import Dispatch

/// Encodes many records into bytes on every core, handing the bytes on in record order a
/// few hundred kilobytes at a time: what the record formats (`jsonl`, `csv`) and `list
/// --json` use to write 100,000 records at the speed of the disk, not of one core.
package enum BatchEncoder {
    /// Records encoded by one core before the batches are handed on in order.
    static let batch = 1024

    /// Encodes records `0 ..< count` with `encode` (which appends record `i`'s bytes to the
    /// buffer it is given) and hands the bytes to `write`, in order.
    /// - Complexity: O(total bytes); at most `cores × batch` records' bytes in memory at once.
    package static func run(count: Int, encode: (Int, inout [UInt8]) -> Void,
                            write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let cores = Cores.available
        var buffers = [[UInt8]](repeating: [], count: cores)
        var done = 0
        while done < count {
            let batches = min(cores, (count - done + batch - 1) / batch)
            let first = done
            if batches == 1 {
                buffers[0].removeAll(keepingCapacity: true)
                for i in first..<min(count, first + batch) { encode(i, &buffers[0]) }
            } else {
                buffers.withUnsafeMutableBufferPointer { out in
                    nonisolated(unsafe) let out = out
                    withoutActuallyEscaping(encode) { encode in
                        nonisolated(unsafe) let encode = encode
                        DispatchQueue.concurrentPerform(iterations: batches) { k in
                            out[k].removeAll(keepingCapacity: true)
                            let from = first + k * batch
                            for i in from..<min(count, from + batch) { encode(i, &out[k]) }
                        }
                    }
                }
            }
            for k in 0..<batches { try buffers[k].withUnsafeBytes { try write($0) } }
            done = min(count, first + batches * batch)
        }
    }
}
