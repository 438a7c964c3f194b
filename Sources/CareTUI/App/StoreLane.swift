import CareDomain
import Foundation

/// Runs the effects that call the store so that the frame loop never stops for another
/// session's lock (docs/architecture.md, "Waiting for another session").
///
/// Each effect is first run on the loop's thread with `LockWait.noWait`: almost always the
/// store answers at once and the answer is dispatched in the same turn, exactly as before. When
/// another process holds the store's write lock, nothing was written, and the effect is run
/// again on a thread of its own, waiting up to five seconds with a `LockWaitCancel` that Esc
/// pulls; the loop meanwhile draws, takes keys, and collects the answer the turn it arrives.
/// Locking, unlocking, checking a passphrase and writing a handover file cannot be tried twice
/// (`EffectRunner.startsOffTheLoop`): they go to a thread of their own at once, the screen
/// says what is under way, and says "waiting for another session" once the store is found held.
/// While one call waits, the other store effects queue behind it and run in order afterwards
/// (a poll of the change feed is dropped: the next tick asks again), so two calls never
/// overlap on the store.
@MainActor
final class StoreLane {
    private let runner: EffectRunner
    private let lockWaiting: (any LockWaiting)?
    private var waiting: Waiting?
    private var queued: [Effect] = []

    /// As long as the store would have waited on the loop (its busy timeout).
    static let longestWait: TimeInterval = LockWait.standard.seconds

    private struct Waiting {
        let effect: Effect
        let cancel: LockWaitCancel
        let answer: Answer
        /// Whether the loop has been told that another session holds the store: at once for a
        /// call whose first try found it held, when the thread finds it for one sent off the
        /// loop from the start.
        var heldSaid: Bool
    }

    init(runner: EffectRunner) {
        self.runner = runner
        lockWaiting = runner.store as? any LockWaiting
    }

    /// Whether a call is waiting off the loop for another session's lock.
    var isWaiting: Bool { waiting != nil }

    /// Runs `effect` and returns what it answered; `.storeWaiting` when it went to wait off the
    /// loop (its answer comes from `takeAnswer`); nil when it answers nothing or was queued.
    func run(_ effect: Effect) -> Action? {
        if effect == .giveUpWaiting {
            waiting?.cancel.cancel()
            return nil
        }
        if waiting != nil {
            if case .pollChanges = effect { return nil }
            if effect != .redrawAll { queued.append(effect) }
            return nil
        }
        guard let lockWaiting else { return answer(effect) }
        if EffectRunner.startsOffTheLoop(effect) { return wait(for: effect, on: lockWaiting, held: false) }
        guard EffectRunner.mayWaitOffTheLoop(effect) else { return answer(effect) }
        do {
            return try lockWaiting.withLockWait(.noWait) { try runner.run(effect, failFast: true) }
        } catch {
            return wait(for: effect, on: lockWaiting, held: true)
        }
    }

    /// The answer of the call that waited, once it has come: `.storeWaitEnded`, then the
    /// answer itself. While it is still waiting: `.storeWaiting` again the turn a call sent off
    /// the loop from the start finds another session holding the store, else nothing.
    func takeAnswer() -> [Action] {
        guard var current = waiting else { return [] }
        guard let answer = current.answer.take() else {
            guard !current.heldSaid, current.cancel.wasHeld else { return [] }
            current.heldSaid = true
            waiting = current
            return [.storeWaiting(current.effect)]
        }
        waiting = nil
        return [.storeWaitEnded] + (answer.map { [$0] } ?? [])
    }

    /// The next effect that queued behind a waiting call, once none is waiting.
    func nextQueued() -> Effect? {
        guard waiting == nil, !queued.isEmpty else { return nil }
        return queued.removeFirst()
    }

    /// At the end of the run: gives up a waiting call and lets it finish (a few milliseconds:
    /// the wait sees the cancel at once), so the store is not closed under it.
    func finish() {
        guard let current = waiting else { return }
        current.cancel.cancel()
        current.answer.waitForIt()
        waiting = nil
    }

    private func answer(_ effect: Effect) -> Action? {
        // Without `failFast` the runner puts every failure in words and throws nothing.
        (try? runner.run(effect)) ?? nil
    }

    /// Runs `effect` on a thread of its own, waiting for the lock up to `longestWait`; `held`
    /// when its first try already found the store held.
    private func wait(for effect: Effect, on store: any LockWaiting, held: Bool) -> Action {
        let cancel = LockWaitCancel()
        let answer = Answer()
        let runner = runner
        let wait = LockWait(seconds: Self.longestWait, cancel: cancel)
        Thread {
            answer.deliver(store.withLockWait(wait) { (try? runner.run(effect)) ?? nil })
        }.start()
        waiting = Waiting(effect: effect, cancel: cancel, answer: answer, heldSaid: held)
        return .storeWaiting(effect)
    }
}

/// Where the waiting thread leaves its answer for the loop.
private final class Answer: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var delivered = false
    private var action: Action?

    func deliver(_ action: Action?) {
        lock.withLock {
            self.action = action
            delivered = true
        }
        done.signal()
    }

    /// The answer once delivered (itself possibly nil), or nil in an outer optional while not.
    func take() -> Action?? {
        lock.withLock { delivered ? .some(action) : .none }
    }

    func waitForIt() {
        done.wait()
        done.signal()
    }
}
