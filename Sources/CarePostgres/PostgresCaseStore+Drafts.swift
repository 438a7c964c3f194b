import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// Drafts, as on SQLite: each worker's own, sealed under their class, every call audited in
/// words that name the form and never hold its text.
extension PostgresCaseStore {
    @discardableResult
    public func keepDraft(_ draft: Draft) throws -> Draft {
        try requireOwn(draft.worker)
        return try write { transaction, keys in
            let (row, saved) = try writeDraft(draft, transaction, keys: keys)
            try appendEvent(transaction, keys: keys, action: .draft, targetKind: .draft, targetID: draft.id, child: draft.child,
                            summary: "draft kept: " + saved.auditWords, rows: [row])
            return saved
        }
    }

    public func drafts() throws -> [Draft] {
        try read { transaction, keys in
            var damaged: [DamagedRecord] = []
            // A draft that does not open is passed over: it must not keep the person out.
            return try Self.fetchAll(Draft.self, transaction, keys: keys, damaged: &damaged)
                .filter { $0.worker == worker.id && $0.isKept }.sorted { $0.savedAt > $1.savedAt }
        }
    }

    public func noteDraftRestored(_ draft: Draft) throws {
        try requireOwn(draft.worker)
        try write { transaction, keys in
            try appendEvent(transaction, keys: keys, action: .draft, targetKind: .draft, targetID: draft.id, child: draft.child,
                            summary: "draft restored: " + draft.auditWords)
        }
    }

    public func dropDraft(id: String, reason: String) throws {
        try write { transaction, keys in
            guard let row = try Self.fetchRow(.draft, id: id, transaction), keys.keyring.holds(row.visibility),
                  let stored = try? RecordOpening.open(Draft.self, row: row, keys: keys, decoder: RecordCoding.decoder()),
                  stored.worker == worker.id, stored.isKept
            else { return }
            var emptied = stored
            emptied.fields = [:]
            emptied.focus = nil
            emptied.savedAt = clock.now()
            let (written, _) = try writeDraft(emptied, transaction, keys: keys)
            try appendEvent(transaction, keys: keys, action: .draft, targetKind: .draft, targetID: id, child: stored.child,
                            summary: "draft \(reason): " + stored.auditWords, rows: [written])
        }
    }

    private func requireOwn(_ writer: WorkerID) throws {
        if writer != worker.id { throw CommandError.invalid(["A draft belongs to the worker who typed it."]) }
    }

    /// Writes `draft` over the row of its id, at the next version.
    private func writeDraft(_ draft: Draft, _ transaction: PostgresLink.Transaction, keys: SessionKeys) throws -> (RecordRow, Draft) {
        let existing = try Self.fetchRow(.draft, id: draft.id, transaction)
        var saved = draft
        saved.version = (existing?.version ?? 0) + 1
        let sequence = try Self.reserveChangeSequences(transaction, count: 1)
        guard let row = try Self.writeRecord(
            AnyRecord(saved), insert: existing == nil, expectedVersion: existing?.version ?? 0, at: clock.now(), changeSequence: sequence,
            transaction, keys: keys)
        else { throw StoreError.busy }
        return (row, saved)
    }
}
