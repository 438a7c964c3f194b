import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// What the app asks of the store: a saved note is one command and nothing more (no reload of
/// the caseload, no second "viewed" event); other sessions' changes are read child by child.
@MainActor
@Suite struct StoreCallTests {
    @Test func savingANoteFromAnOpenRecordIsOneCommandAndOneView() throws {
        let counter = CallLog()
        let h = try Harness(wrap: { CountingStore($0, log: counter) })
        let child = try #require(h.dashboard.selectedChild)
        h.press(.enter)
        #expect(counter.calls == ["changeCursor", "loadCaseload", "drafts", "loadHandover", "loadDetail"],
                "the worker's drafts are read once at sign-in; the last shift's handover once, for its alert")
        counter.calls = []

        h.press(.char("n"), .tab, .tab, .tab)
        h.type("Synthetic note")
        h.press(.ctrl("s"))
        #expect(counter.calls == ["perform"], "one command; no caseload load, no second view")
        #expect(h.screen.contains("· Synthetic note"), "the open record shows the note at once")

        // The change feed lists this session's own change; nothing is read again for it.
        h.clock.advance(by: 2)
        h.tick()
        #expect(counter.calls == ["perform", "changes"])

        let views = h.database.auditEvents().filter { $0.action == .view && $0.child == child.id }
        #expect(views.count == 1)
    }

    @Test func anotherSessionsSaveRefreshesOnlyThatChild() throws {
        let counter = CallLog()
        let database = Harness.makeDatabase()
        let h = try Harness(database: database, wrap: { CountingStore($0, log: counter) })
        let child = try #require(h.dashboard.selectedChild)
        h.press(.enter)
        counter.calls = []

        let other = try InMemoryCaseStore(database: database, account: "demo-supervisor", passphrase: Harness.passphrase, clock: h.clock)
        _ = try other.perform(.logContact(Contact(child: child.id, occurredAt: Harness.demoNow, author: other.worker.id, kind: .phone,
                                                  summary: "Synthetic call")))
        h.clock.advance(by: 2)
        h.tick()
        #expect(counter.calls == ["changes", "loadPatch", "refreshDetail"])
        #expect(counter.patches == [[child.id]])
        #expect(h.screen.contains("· Synthetic call"))
        #expect(h.database.auditEvents().filter { $0.action == .view && $0.child == child.id }.count == 1,
                "a refresh is not a second view")
    }
}

/// The calls a `CountingStore` saw, by name, in order.
final class CallLog: @unchecked Sendable {
    var calls: [String] = []
    var patches: [Set<ChildID>] = []
}

/// Any store, with every call written down.
final class CountingStore: CaseStore, @unchecked Sendable {
    let base: any CaseStore
    let log: CallLog

    init(_ base: any CaseStore, log: CallLog) {
        self.base = base
        self.log = log
    }

    var worker: Worker { base.worker }
    var unitInfo: UnitInfo { base.unitInfo }

    func lock() {
        log.calls.append("lock")
        base.lock()
    }

    func unlock(passphrase: String) throws {
        log.calls.append("unlock")
        try base.unlock(passphrase: passphrase)
    }

    func loadCaseload() throws -> CaseloadSnapshot {
        log.calls.append("loadCaseload")
        return try base.loadCaseload()
    }

    func loadPatch(children: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch {
        log.calls.append("loadPatch")
        log.patches.append(children)
        return try base.loadPatch(children: children, catalogue: catalogue)
    }

    func preview(of child: ChildID) throws {
        log.calls.append("preview")
        try base.preview(of: child)
    }

    func viewHandover(children: [ChildID], shift: String) throws {
        log.calls.append("viewHandover")
        try base.viewHandover(children: children, shift: shift)
    }

    func viewAlert(_ alertID: String, of child: ChildID) throws {
        log.calls.append("viewAlert")
        try base.viewAlert(alertID, of: child)
    }

    func viewReferral(_ referral: ReferralID, of child: ChildID) throws {
        log.calls.append("viewReferral")
        try base.viewReferral(referral, of: child)
    }

    func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        log.calls.append("loadDetail")
        return try base.loadDetail(of: child, contactLimit: contactLimit)
    }

    func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        log.calls.append("refreshDetail")
        return try base.refreshDetail(of: child, contactLimit: contactLimit)
    }

    func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage {
        log.calls.append("loadContacts")
        return try base.loadContacts(of: child, after: cursor, limit: limit)
    }

    func auditTrail(of child: ChildID) throws -> [AuditEvent] {
        log.calls.append("auditTrail")
        return try base.auditTrail(of: child)
    }

    func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement] {
        log.calls.append("handoverAcknowledgements")
        return try base.handoverAcknowledgements(of: handover)
    }

    func loadHandover(_ id: HandoverID) throws -> HandoverState? {
        log.calls.append("loadHandover")
        return try base.loadHandover(id)
    }

    func contactStamps(from start: Date, to end: Date) throws -> [ContactStamp] {
        log.calls.append("contactStamps")
        return try base.contactStamps(from: start, to: end)
    }

    func verifyPassphrase(_ passphrase: String, purpose: String) throws {
        log.calls.append("verifyPassphrase")
        try base.verifyPassphrase(passphrase, purpose: purpose)
    }

    func recordExport(_ summary: String) throws {
        log.calls.append("recordExport")
        try base.recordExport(summary)
    }

    func perform(_ command: CaseCommand) throws -> CommandOutcome {
        log.calls.append("perform")
        return try base.perform(command)
    }

    func changeCursor() throws -> Int64 {
        log.calls.append("changeCursor")
        return try base.changeCursor()
    }

    func changes(since cursor: Int64) throws -> ChangeBatch {
        log.calls.append("changes")
        return try base.changes(since: cursor)
    }

    func keepDraft(_ draft: Draft) throws -> Draft {
        log.calls.append("keepDraft")
        return try base.keepDraft(draft)
    }

    func drafts() throws -> [Draft] {
        log.calls.append("drafts")
        return try base.drafts()
    }

    func noteDraftRestored(_ draft: Draft) throws {
        log.calls.append("noteDraftRestored")
        try base.noteDraftRestored(draft)
    }

    func dropDraft(id: String, reason: String) throws {
        log.calls.append("dropDraft")
        try base.dropDraft(id: id, reason: reason)
    }
}
