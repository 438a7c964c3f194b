import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Keys belong to contexts: the screen in front hears a key first, typing comes before any global
/// binding, and one key means different things in different places.
@MainActor
@Suite struct ContextKeysTests {
    @Test func aLetterRemappedToLockIsTypedIntoANoteAndDoesNotLock() throws {
        var keymap = DefaultKeymap.make()
        keymap.override(.lock, in: .global, keys: [.char("x")])
        let h = try Harness(keymap: keymap)
        let child = try #require(h.dashboard.selectedChild)
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("six boxes of test supplies")
        #expect(!h.locked, "typing x into the note did not lock")
        #expect(h.formValue("summary") == "six boxes of test supplies")
        h.press(.ctrl("s"))
        #expect(try h.store.loadDetail(of: child.id, contactLimit: 1).contacts.contacts.first?.summary == "six boxes of test supplies")
        // Outside the form the letter locks, as configured.
        h.press(.char("x"))
        #expect(h.locked)
    }

    @Test func aIsTheAuditTrailOnARecordAndAcknowledgesInTheAlerts() throws {
        let h = try Harness(user: "demo-supervisor")
        h.press(.enter, .char("a"))
        guard h.front is AuditTrailScreen else {
            Issue.record("a on the record did not open the audit trail")
            return
        }
        h.press(.escape)
        #expect(h.front == nil)

        h.press(.char("4"))
        let alert = try #require(h.dashboard.selectedAlert)
        h.press(.char("a"))
        #expect(h.screen.contains("Acknowledge alert"))
        h.type("Called the test placement; staff are with her (synthetic)")
        h.press(.ctrl("s"))
        #expect(h.front == nil, "\(h.form?.fields.compactMap(\.error) ?? [])")
        #expect(!h.dashboard.alerts.contains { $0.id == alert.id }, "the acknowledged alert is hidden")
        #expect(h.dashboard.alertVisibility.hidden.contains { $0.id == alert.id })
        #expect(h.database.auditEvents().last?.action == .acknowledge)
        // v shows it again, marked as answered.
        h.press(.char("v"))
        #expect(h.dashboard.alerts.contains { $0.id == alert.id })
        #expect(h.screen.contains("[answered]"))
    }

    @Test func theHintLineShowsTheKeysOfTheScreenInFront() throws {
        var keymap = DefaultKeymap.make()
        keymap.override(.save, in: .form, keys: [.function(2)])
        let h = try Harness(keymap: keymap)
        #expect(h.lines.last?.contains("/ filter") == true)
        h.press(.char("n"))
        let hints = try #require(h.lines.last)
        #expect(hints.contains("F2 save"), "\(hints)")
        #expect(!hints.contains("/ filter"))
    }

    @Test func theHelpShowsARemappedKey() throws {
        var keymap = DefaultKeymap.make()
        keymap.override(.newNote, in: .record, keys: [.ctrl("n")])
        let h = try Harness(size: Size(width: 120, height: 60), keymap: keymap)
        h.press(.char("?"))
        #expect(h.screen.contains("Ctrl-N") && h.screen.contains("log a contact note"))
    }
}
