import CareDomain
import Foundation

/// Any store, every call passed on unchanged: a test subclasses it and overrides the one call it
/// needs to watch or break.
class ForwardingStore: CaseStore, @unchecked Sendable {
    let base: any CaseStore

    init(_ base: any CaseStore) { self.base = base }

    var worker: Worker { base.worker }
    var unitInfo: UnitInfo { base.unitInfo }
    func lock() { base.lock() }
    func unlock(passphrase: String) throws { try base.unlock(passphrase: passphrase) }
    func verifyPassphrase(_ passphrase: String, purpose: String) throws { try base.verifyPassphrase(passphrase, purpose: purpose) }
    func loadCaseload() throws -> CaseloadSnapshot { try base.loadCaseload() }
    func loadPatch(children: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch { try base.loadPatch(children: children, catalogue: catalogue) }
    func preview(of child: ChildID) throws { try base.preview(of: child) }
    func viewReferral(_ referral: ReferralID, of child: ChildID) throws { try base.viewReferral(referral, of: child) }
    func viewHandover(children: [ChildID], shift: String) throws { try base.viewHandover(children: children, shift: shift) }
    func viewAlert(_ alertID: String, of child: ChildID) throws { try base.viewAlert(alertID, of: child) }
    func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail { try base.loadDetail(of: child, contactLimit: contactLimit) }
    func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail { try base.refreshDetail(of: child, contactLimit: contactLimit) }
    func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage {
        try base.loadContacts(of: child, after: cursor, limit: limit)
    }
    func auditTrail(of child: ChildID) throws -> [AuditEvent] { try base.auditTrail(of: child) }
    func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement] { try base.handoverAcknowledgements(of: handover) }
    func loadHandover(_ id: HandoverID) throws -> HandoverState? { try base.loadHandover(id) }
    func contactStamps(from start: Date, to end: Date) throws -> [ContactStamp] { try base.contactStamps(from: start, to: end) }
    func perform(_ command: CaseCommand) throws -> CommandOutcome { try base.perform(command) }
    func recordExport(_ summary: String) throws { try base.recordExport(summary) }
    func changeCursor() throws -> Int64 { try base.changeCursor() }
    func changes(since cursor: Int64) throws -> ChangeBatch { try base.changes(since: cursor) }
    func keepDraft(_ draft: Draft) throws -> Draft { try base.keepDraft(draft) }
    func drafts() throws -> [Draft] { try base.drafts() }
    func noteDraftRestored(_ draft: Draft) throws { try base.noteDraftRestored(draft) }
    func dropDraft(id: String, reason: String) throws { try base.dropDraft(id: id, reason: reason) }
}
