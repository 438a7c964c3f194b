import CareDomain
import Foundation
import GRDB

/// Drafts (`Draft`) in the generic `records` table, sealed under the class of the record they
/// draft. Each write is one transaction with its audit event, whose words name the form and the
/// length, never the text.
extension SQLiteCaseStore {
    @discardableResult
    public func keepDraft(_ draft: Draft) throws -> Draft {
        try requireOwn(draft.worker)
        return try write { db, keys in
            try Self.writeDraft(draft, db: db, keys: keys, at: clock.now()) { row, saved in
                try appendEvent(db, keys: keys, action: .draft, targetKind: .draft, targetID: draft.id, child: draft.child,
                                summary: "draft kept: " + saved.auditWords, rows: [row])
            }
        }
    }

    public func drafts() throws -> [Draft] {
        guard !session.isClosed else { throw StoreError.closed }
        return try read { db, keys in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND id LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, id",
                arguments: [RecordKind.draft.rawValue, Self.likePrefix(Draft.id(worker: worker.id, child: nil, form: "").dropLast("unit:".count))])
            // A draft that does not open is passed over: it must not keep the person out.
            let drafts = try Self.openReadable(Draft.self, rows, keys: keys, decoder: RecordCoding.decoder()) { _, _ in }
            return drafts.filter { $0.worker == worker.id && $0.isKept }.sorted { $0.savedAt > $1.savedAt }
        }
    }

    public func noteDraftRestored(_ draft: Draft) throws {
        try requireOwn(draft.worker)
        try write { db, keys in
            try appendEvent(db, keys: keys, action: .draft, targetKind: .draft, targetID: draft.id, child: draft.child,
                            summary: "draft restored: " + draft.auditWords)
        }
    }

    public func dropDraft(id: String, reason: String) throws {
        try write { db, keys in
            guard let row = try Self.fetchRow(.draft, id: id, db: db), keys.keyring.holds(row.visibility),
                  let stored = try? Self.openRecord(Draft.self, row: row, keys: keys, decoder: RecordCoding.decoder()),
                  stored.worker == worker.id, stored.isKept
            else { return }
            var emptied = stored
            emptied.fields = [:]
            emptied.focus = nil
            emptied.savedAt = clock.now()
            try Self.writeDraft(emptied, db: db, keys: keys, at: clock.now()) { row, _ in
                try appendEvent(db, keys: keys, action: .draft, targetKind: .draft, targetID: id, child: stored.child,
                                summary: "draft \(reason): " + stored.auditWords, rows: [row])
            }
        }
    }

    /// Only the worker who typed a draft writes it.
    private func requireOwn(_ writer: WorkerID) throws {
        if writer != worker.id { throw CommandError.invalid(["A draft belongs to the worker who typed it."]) }
    }

    /// Writes `draft` over the row of its id (whatever class that row was sealed under: the
    /// visibility field may have changed), at the next version.
    @discardableResult
    private static func writeDraft(
        _ draft: Draft, db: Database, keys: SessionKeys, at now: Date, audit: (RecordRow, Draft) throws -> Void
    ) throws -> Draft {
        let existing = try fetchRow(.draft, id: draft.id, db: db)
        var saved = draft
        saved.version = (existing?.version ?? 0) + 1
        let sequence = try reserveChangeSequences(db, count: 1)
        guard let row = try writeRow(saved, insert: existing == nil, expectedVersion: existing?.version ?? 0, at: now,
                                     changeSequence: sequence, db: db, keys: keys, encoder: RecordCoding.encoder())
        else { throw StoreError.busy }
        try audit(row, saved)
        return saved
    }

    /// `text` as a LIKE pattern that matches what starts with it.
    private static func likePrefix(_ text: some StringProtocol) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}
