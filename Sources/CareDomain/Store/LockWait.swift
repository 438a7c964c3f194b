import Foundation

/// How long a store call may wait for another session's write lock (another process saving to
/// the same store), and how to stop waiting early.
///
/// The dashboard first calls with `noWait`: a store held by someone else answers at once, and
/// the call moves off the frame loop to wait there, with a `LockWaitCancel` the person can pull
/// (Esc) while the screen keeps drawing.
public struct LockWait: Sendable {
    /// The longest wait, in seconds; zero answers at once.
    public var seconds: TimeInterval
    /// Pulled to stop waiting before the time is up.
    public var cancel: LockWaitCancel?

    public init(seconds: TimeInterval, cancel: LockWaitCancel? = nil) {
        self.seconds = seconds
        self.cancel = cancel
    }

    /// Answer at once when another session holds the store.
    public static let noWait = LockWait(seconds: 0)
    /// As long as a store waits by default (its busy timeout), for callers that may block.
    public static let standard = LockWait(seconds: 5)
}

/// The switch that ends a wait for the lock early. Pulled from the frame loop, seen by the
/// waiting thread at once (it sleeps on this condition, not a fixed delay). The waiting side
/// marks on it, too, when it first finds another session holding the store, so the loop can say
/// so for a call sent off the loop before it was known to wait (an unlock is first busy with
/// its key derivation).
public final class LockWaitCancel: @unchecked Sendable {
    private let condition = NSCondition()
    private var cancelled = false
    private var held = false

    public init() {}

    /// Called by the waiting side when it finds another session holding the store.
    public func noteHeld() {
        condition.lock()
        held = true
        condition.unlock()
    }

    /// Whether the call found another session holding the store.
    public var wasHeld: Bool {
        condition.lock()
        defer { condition.unlock() }
        return held
    }

    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Sleeps until `deadline` or until cancelled, whichever comes first; true when cancelled.
    public func sleep(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && condition.wait(until: deadline) {}
        return cancelled
    }
}

/// A store shared with other processes, whose calls can be told how long to wait for their
/// write lock. The in-memory store has no other process and does not conform.
public protocol LockWaiting: AnyObject, Sendable {
    /// Runs `body`, whose calls on this store wait for another session's lock as `wait` says.
    /// One caller at a time: the dashboard's `StoreLane` never overlaps two calls.
    func withLockWait<T>(_ wait: LockWait, _ body: () throws -> T) rethrows -> T
}

/// A call refused because another session held the store's write lock for the whole wait (or
/// until the wait was given up): nothing was written, and trying again may succeed.
public protocol LockRefusal: Error {
    var isLockRefusal: Bool { get }
}
