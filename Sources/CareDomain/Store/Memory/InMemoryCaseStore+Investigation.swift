import Foundation

/// Investigation records in memory, read as the SQLite store reads them: police and
/// supervisors only, every record of the answer audited before it is returned.
extension InMemoryCaseStore: CaseInvestigations {
    public func investigation(_ view: InvestigationView, purpose: InvestigationPurpose) throws -> InvestigationFile {
        try requireDraftsOpen()
        do { try Permission.viewInvestigation.require(worker.role) } catch { throw CommandError.denied(error) }
        let now = clock.now()
        return database.write { tables in
            let whole = InvestigationFile(
                persons: tables.all(PersonOfInterest.self), places: tables.all(PlaceOfConcern.self),
                links: tables.all(InvestigationLink.self), leads: tables.all(Lead.self))
            let shown = whole.scoped(to: view)
            for record in shown.auditedRecords {
                tables.audit.append(AuditEvent(
                    sequence: Int64(tables.audit.count + 1), at: now, actor: worker.id, action: purpose.action,
                    targetKind: record.kind, targetID: record.id, child: record.child,
                    summary: "\(purpose == .shown ? "viewed" : "exported") a \(record.kind.words)"))
            }
            return shown
        }
    }
}
