import CareDomain
import CareStore
import CareTUI
import Foundation
import Testing
import TextUI

/// Idle lock and Ctrl-X: nothing about any child on screen until the passphrase is typed again.
@MainActor
@Suite struct LockTests {
    func assertNoChildData(_ h: Harness) {
        for child in h.app.state.snapshot.children {
            #expect(!h.screen.contains(child.displayName), "\(child.caseNumber)'s name is on the locked screen")
            #expect(!h.screen.contains(child.caseNumber.description))
        }
    }

    @Test func idleForTenMinutesLocksAndShowsNoChild() throws {
        let h = try Harness()
        h.clock.advance(by: 9 * 60 + 59)
        h.tick()
        #expect(!h.locked, "not yet: one second before the limit")
        h.clock.advance(by: 1)
        h.tick()
        #expect(h.locked)
        #expect(h.screen.contains("locked"))
        assertNoChildData(h)
    }

    @Test func ctrlXLocksAtOnceAndTheRightPassphraseUnlocks() throws {
        let h = try Harness()
        h.press(.enter)
        h.press(.ctrl("x"))
        #expect(h.locked)
        assertNoChildData(h)
        #expect(!h.detailOpen, "the opened record is dropped")

        h.type("wrong-passphrase")
        h.press(.enter)
        #expect(h.locked)
        #expect(h.screen.lowercased().contains("passphrase"))
        assertNoChildData(h)

        h.clock.advance(by: 31)
        h.type(Harness.passphrase)
        #expect(!h.screen.contains(Harness.passphrase), "the passphrase is never drawn")
        h.press(.enter)
        #expect(!h.locked)
        #expect(h.screen.contains("1 Caseload"))

        // One lock and one unlock in the audit trail, and the wrong try as a failed login.
        let supervisor = try SQLiteCaseStore.open(options: StoreOptions(path: h.path), account: "demo-supervisor", passphrase: Harness.passphrase)
        let events = try supervisor.audit()
        #expect(events.filter { $0.action == .lock }.count == 1)
        #expect(events.filter { $0.action == .unlock }.count == 1)
        #expect(events.filter { $0.action == .loginFailed }.count == 1)
    }

    @Test func wrongPassphrasesWaitAGrowingDelay() {
        #expect(LockState.delay(afterFailures: 1) < LockState.delay(afterFailures: 2))
        #expect(LockState.delay(afterFailures: 2) < LockState.delay(afterFailures: 3))
        #expect(LockState.delay(afterFailures: 50) == 30)
    }
}
