import Foundation

/// Drafts in memory, as the SQLite store keeps them: one record per worker, child and form,
/// emptied (not removed) when discarded or saved, each write audited without the text.
extension InMemoryCaseStore {
    @discardableResult
    public func keepDraft(_ draft: Draft) throws -> Draft {
        try requireOwnDraft(draft.worker)
        let now = clock.now()
        return database.write { tables in
            let saved = Self.put(draft, in: &tables)
            tables.audit.append(AuditEvent(
                sequence: Int64(tables.audit.count + 1), at: now, actor: worker.id, action: .draft, targetKind: .draft,
                targetID: draft.id, child: draft.child, summary: "draft kept: " + saved.auditWords))
            return saved
        }
    }

    public func drafts() throws -> [Draft] {
        try requireDraftsOpen()
        return database.read { tables in
            tables.all(Draft.self).filter { $0.worker == worker.id && $0.isKept && worker.role.mayRead($0.visibility) }
                .sorted { $0.savedAt != $1.savedAt ? $0.savedAt > $1.savedAt : $0.id < $1.id }
        }
    }

    public func noteDraftRestored(_ draft: Draft) throws {
        try requireOwnDraft(draft.worker)
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .draft, targetKind: .draft, targetID: draft.id,
                                   child: draft.child, summary: "draft restored: " + draft.auditWords))
    }

    public func dropDraft(id: String, reason: String) throws {
        try requireDraftsOpen()
        let now = clock.now()
        database.write { tables in
            guard let stored = tables.record(.draft, id)?.as(Draft.self), stored.worker == worker.id, stored.isKept else { return }
            var emptied = stored
            emptied.fields = [:]
            emptied.focus = nil
            emptied.savedAt = now
            Self.put(emptied, in: &tables)
            tables.audit.append(AuditEvent(
                sequence: Int64(tables.audit.count + 1), at: now, actor: worker.id, action: .draft, targetKind: .draft,
                targetID: id, child: stored.child, summary: "draft \(reason): " + stored.auditWords))
        }
    }

    /// Writes the draft at the version after the stored one.
    @discardableResult
    private static func put(_ draft: Draft, in tables: inout MemoryDatabase.Tables) -> Draft {
        var saved = draft
        saved.version = (tables.record(.draft, draft.id)?.version ?? 0) + 1
        _ = tables.put(AnyRecord(saved))
        return saved
    }

    private func requireOwnDraft(_ writer: WorkerID) throws {
        try requireDraftsOpen()
        if writer != worker.id { throw CommandError.invalid(["A draft belongs to the worker who typed it."]) }
    }
}
