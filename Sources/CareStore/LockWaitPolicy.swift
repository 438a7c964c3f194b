import CareDomain
import Foundation

/// How the store's connection waits when another process holds the write lock: SQLite calls
/// `retry` each time it finds the store busy (GRDB's busy callback), and this decides from the
/// `LockWait` in force whether to try again. Instead of SQLite's fixed busy timeout, the wait
/// can be bounded per call (`SQLiteCaseStore.withLockWait`) and given up from another thread.
final class LockWaitPolicy: @unchecked Sendable {
    private let lock = NSLock()
    private var current = LockWait.standard
    private var started = Date()
    /// Set when the last wait ended because it was given up.
    private var gaveUp = false

    /// Pauses between tries grow to this, as SQLite's own busy handler's do.
    static let longestPause: TimeInterval = 0.025

    var wait: LockWait {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue; gaveUp = false } }
    }

    var wasGivenUp: Bool { lock.withLock { gaveUp } }

    /// SQLite found the store busy for the `tries`-th time in this statement: true to try again.
    func retry(_ tries: Int) -> Bool {
        let now = Date()
        let wait: LockWait = lock.withLock {
            if tries == 0 { started = now }
            return current
        }
        let deadline = lock.withLock { started }.addingTimeInterval(wait.seconds)
        if tries == 0 { wait.cancel?.noteHeld() }
        if wait.cancel?.isCancelled == true {
            lock.withLock { gaveUp = true }
            return false
        }
        guard now < deadline else { return false }
        let pause = min(Self.longestPause, 0.001 * Double(1 << min(tries, 5)))
        let until = min(deadline, now.addingTimeInterval(pause))
        if let cancel = wait.cancel {
            if cancel.sleep(until: until) {
                lock.withLock { gaveUp = true }
                return false
            }
        } else {
            Thread.sleep(until: until)
        }
        return true
    }
}

extension SQLiteCaseStore: LockWaiting {
    /// Runs `body` with this session's waits for another process's lock bounded by `wait`, then
    /// goes back to the standard wait. One caller at a time (the policy is the session's).
    public func withLockWait<T>(_ wait: LockWait, _ body: () throws -> T) rethrows -> T {
        lockWaits.wait = wait
        defer { lockWaits.wait = .standard }
        return try body()
    }
}
