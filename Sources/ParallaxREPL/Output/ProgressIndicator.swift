import Dispatch
import Foundation

/// Shows `label… N s` on standard error while slow work runs, once it has taken more than a
/// second, and clears it when the work ends. Only on a terminal: never in piped output.
final class ProgressIndicator: @unchecked Sendable {
    private let label: String
    private let sink: any OutputSink
    private let start = DispatchTime.now()
    private let lock = NSLock()
    private var timer: (any DispatchSourceTimer)?
    private var shown = false

    init(_ label: String, sink: any OutputSink) {
        self.label = label
        self.sink = sink
        let t = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        t.schedule(deadline: .now() + 1, repeating: 0.25)
        t.setEventHandler { [weak self] in self?.tick() }
        timer = t
        t.resume()
    }

    private func tick() {
        lock.lock(); defer { lock.unlock() }
        guard timer != nil else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        sink.write("\r\(label)… \(String(format: "%.1f", seconds)) s\u{1B}[K")
        shown = true
    }

    /// Stops the indicator and clears its line.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        if shown { sink.write("\r\u{1B}[K") }
    }
}

extension Session {
    /// Runs slow work, showing progress on a terminal when it takes more than a second.
    @discardableResult
    public func withProgress<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        guard showsProgress else { return try body() }
        let indicator = ProgressIndicator(label, sink: err)
        defer { indicator.finish() }
        return try body()
    }
}
