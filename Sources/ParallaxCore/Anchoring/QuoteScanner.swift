#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds every exact occurrence of many quotes in one pass over a text, for a batch in which
/// many targets need a search of the whole text: one pass instead of one per quote.
///
/// Quotes are found through their first (up to) 8 bytes (``EightByteIndex``) and checked whole
/// with `memcmp`. Quotes shorter than 8 bytes need a pass of their own width; a width with only
/// a few quotes is cheaper searched quote by quote with ``ByteSearch``.
enum QuoteScanner {
    /// Below this many quotes of one width, each is searched on its own.
    static let minimumForScan = 4

    /// For each quote, the UTF-8 offsets where it occurs (overlapping ones included), in order.
    static func occurrences(of quotes: [[UInt8]], in text: [UInt8]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: quotes.count)
        var byWidth = [[Int]](repeating: [], count: EightByteIndex.width + 1)
        for (i, quote) in quotes.enumerated() where !quote.isEmpty {
            byWidth[min(quote.count, EightByteIndex.width)].append(i)
        }
        for (width, group) in byWidth.enumerated() where !group.isEmpty {
            if group.count < minimumForScan {
                for i in group { result[i] = ByteSearch.occurrences(of: quotes[i], in: text) }
                continue
            }
            let index = EightByteIndex(keys: group.map { EightByteIndex.key(quotes[$0], at: 0, width: width) }, width: width)
            text.withUnsafeBufferPointer { hay in
                index.scan(text) { at, ids in
                    for id in ids {
                        let i = group[id]
                        let quote = quotes[i]
                        guard at + quote.count <= hay.count else { continue }
                        let same = quote.count == width || quote.withUnsafeBufferPointer { pin in
                            memcmp(hay.baseAddress! + at, pin.baseAddress!, pin.count) == 0
                        }
                        if same { result[i].append(at) }
                    }
                }
            }
        }
        return result
    }
}
