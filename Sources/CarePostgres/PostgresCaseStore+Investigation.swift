import CareCore
import CareDomain
import Foundation

/// Persons of interest, places of concern, their links and leads on the server: rows of
/// `records` under the `investigation` class, with no child in their clear columns, as in a
/// file. A view reads them and writes one audit event per record it will show in the same
/// transaction, and hands them back only once that has committed.
extension PostgresCaseStore: CaseInvestigations {
    public func investigation(_ view: InvestigationView, purpose: InvestigationPurpose) throws -> InvestigationFile {
        try require(.viewInvestigation)
        return try write { transaction, keys in
            guard keys.keyring.holds(.investigation) else { throw StoreError.classNotHeld(.investigation) }
            func all<Record: CareRecord>(_ type: Record.Type) throws -> [Record] {
                var damaged: [DamagedRecord] = []
                let records = try Self.fetchAll(type, transaction, keys: keys, damaged: &damaged)
                // A record that does not open is not passed over here: a file or a view short
                // of one link would read as complete.
                if let first = damaged.first { throw StoreError.sealBroken(kind: first.kind, id: first.id) }
                return records
            }
            let whole = InvestigationFile(
                persons: try all(PersonOfInterest.self), places: try all(PlaceOfConcern.self),
                links: try all(InvestigationLink.self), leads: try all(Lead.self))
            let shown = whole.scoped(to: view)
            for record in shown.auditedRecords {
                try appendEvent(
                    transaction, keys: keys, action: purpose.action, targetKind: record.kind, targetID: record.id, child: record.child,
                    summary: "\(purpose == .shown ? "viewed" : "exported") a \(record.kind.words)")
            }
            return shown
        }
    }
}
