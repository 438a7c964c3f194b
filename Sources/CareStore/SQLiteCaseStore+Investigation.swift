import CareDomain
import Foundation
import GRDB

/// Persons of interest, places of concern, their links and leads: rows of the generic
/// `records` table under the `investigation` class, with no child in their clear columns.
/// A view reads them and writes one audit event per record it will show, in one transaction,
/// and hands them back only once that has committed.
extension SQLiteCaseStore: CaseInvestigations {
    public func investigation(_ view: InvestigationView, purpose: InvestigationPurpose) throws -> InvestigationFile {
        try require(.viewInvestigation)
        if let readOnlyReason {
            throw StoreError.readOnly("\(readOnlyReason), so a look at investigation records cannot be audited and is not shown")
        }
        return try write { db, keys in
            guard keys.keyring.holds(.investigation) else { throw StoreError.classNotHeld(.investigation) }
            let decoder = RecordCoding.decoder()
            func all<Record: CareRecord>(_ type: Record.Type) throws -> [Record] {
                try Self.fetchAll(type, db: db, keys: keys, decoder: decoder)
            }
            let whole = InvestigationFile(
                persons: try all(PersonOfInterest.self), places: try all(PlaceOfConcern.self),
                links: try all(InvestigationLink.self), leads: try all(Lead.self))
            let shown = whole.scoped(to: view)
            let now = clock.now()
            for record in shown.auditedRecords {
                try appendEvent(db, keys: keys, action: purpose.action, at: now, targetKind: record.kind, targetID: record.id,
                                child: record.child, summary: "\(purpose == .shown ? "viewed" : "exported") a \(record.kind.words)")
            }
            return shown
        }
    }
}
