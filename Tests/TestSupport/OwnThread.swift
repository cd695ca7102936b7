import Foundation

/// Runs blocking work (a pipe read or write) on a thread of its own and returns a
/// semaphore signalled when it is done.
///
/// Not `DispatchQueue.global()`: on Linux, tests that block the cooperative pool and the
/// global queue's few threads (two on a two-core machine) in pipe reads can leave the block
/// that feeds a child's standard input unscheduled, and the child then waits for input for
/// ever (seen as a hung test run).
@discardableResult
public func onOwnThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
    return done
}
