import CareDomain
import Foundation
import Testing

/// `SignInProgress` hands a listener the reports made on its own thread only: two sign-ins at
/// once (two tests, or a sign-in and a store's own work elsewhere) do not hear each other.
@Suite struct SignInProgressTests {
    /// What a listener heard, kept under a lock (it may be called from any thread it listens on).
    final class Heard: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [SignInProgress] = []
        func add(_ report: SignInProgress) { lock.withLock { reports.append(report) } }
        var all: [SignInProgress] { lock.withLock { reports } }
    }

    /// Runs `body` on a thread of its own and waits for it to end.
    func onAnotherThread(_ body: @escaping @Sendable () -> Void) {
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            finished.signal()
        }
        thread.start()
        finished.wait()
    }

    @Test func aListenerHearsItsOwnThreadsReportsOnly() {
        let heard = Heard()
        SignInProgress.listening({ heard.add($0) }) {
            SignInProgress.tell(done: 1, total: 3)
            onAnotherThread { SignInProgress.tell(done: 2, total: 99) }
            SignInProgress.tell(done: 3, total: 3)
        }
        #expect(heard.all == [SignInProgress(done: 1, total: 3), SignInProgress(done: 3, total: 3)])
    }

    @Test func twoSignInsAtOnceHearOnlyTheirOwn() {
        let first = Heard(), second = Heard()
        let ready = DispatchSemaphore(value: 0), told = DispatchSemaphore(value: 0)
        SignInProgress.listening({ first.add($0) }) {
            let thread = Thread {
                SignInProgress.listening({ second.add($0) }) {
                    ready.signal()
                    SignInProgress.tell(done: 7, total: 8)
                    // Both listen at this moment: the first thread reports while this one waits.
                    told.wait()
                }
                ready.signal()
            }
            thread.start()
            ready.wait()
            SignInProgress.tell(done: 1, total: 2)
            told.signal()
            ready.wait()
        }
        #expect(first.all == [SignInProgress(done: 1, total: 2)])
        #expect(second.all == [SignInProgress(done: 7, total: 8)])
        // Nobody listens any more: a report reaches no one.
        SignInProgress.tell(done: 2, total: 2)
        #expect(first.all.count == 1 && second.all.count == 1)
    }
}
