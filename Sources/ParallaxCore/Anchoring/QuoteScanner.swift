#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds every exact occurrence of many quotes in one pass over a text, for a batch in which
/// many targets need a search of the whole text: one pass instead of one per quote.
///
/// Quotes are found through their first (up to) 8 bytes (``EightByteIndex``, one index per
/// width, all probed in the same pass) and checked whole with `memcmp`. A width with only a
/// few quotes is cheaper searched quote by quote with ``ByteSearch``.
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
        var groups: [[Int]] = []
        var indexes: [EightByteIndex] = []
        for (width, group) in byWidth.enumerated() where !group.isEmpty {
            if group.count < minimumForScan {
                for i in group { result[i] = ByteSearch.occurrences(of: quotes[i], in: text) }
            } else {
                groups.append(group)
                indexes.append(EightByteIndex(keys: group.map { EightByteIndex.key(quotes[$0], at: 0, width: width) },
                                              width: width))
            }
        }
        guard !indexes.isEmpty else { return result }
        text.withUnsafeBufferPointer { hay in
            EightByteIndex.scan(text, indexes) { at, k, ids in
                for id in ids {
                    let i = groups[k][id]
                    let quote = quotes[i]
                    guard at + quote.count <= hay.count else { continue }
                    let same = quote.count == indexes[k].width || quote.withUnsafeBufferPointer { pin in
                        memcmp(hay.baseAddress! + at, pin.baseAddress!, pin.count) == 0
                    }
                    if same { result[i].append(at) }
                }
            }
        }
        return result
    }
}
