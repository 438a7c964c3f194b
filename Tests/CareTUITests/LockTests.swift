import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Idle lock and Ctrl-X: nothing about any child on screen until the passphrase is typed again.
@MainActor
@Suite struct LockTests {
    func assertNoChildData(_ h: Harness) {
        for child in h.dashboard.snapshot.children {
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
        let events = h.database.auditEvents()
        #expect(events.filter { $0.action == .lock }.count == 1)
        #expect(events.filter { $0.action == .unlock }.count == 1)
        #expect(events.filter { $0.action == .loginFailed }.count == 1)
    }

    @Test func aFormKeepsWhatWasTypedBehindTheLock() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        h.press(.ctrl("x"))
        #expect(h.locked)
        #expect(!h.screen.contains("half a synthetic note"), "nothing typed shows on the lock screen")
        h.type(Harness.passphrase)
        h.press(.enter)
        #expect(!h.locked)
        #expect(h.formValue("summary") == "half a synthetic note")
    }

    @Test func wrongPassphrasesWaitAGrowingDelay() {
        #expect(LockState.delay(afterFailures: 1) < LockState.delay(afterFailures: 2))
        #expect(LockState.delay(afterFailures: 2) < LockState.delay(afterFailures: 3))
        #expect(LockState.delay(afterFailures: 50) == 30)
    }
}
