import CareDomain
import Foundation
import GRDB

/// Reading: the caseload, patches of it, one child's record, pages of contacts. Orders are the
/// ones `CaseloadSnapshot` names (`normalizeOrder()`), the same as the in-memory store's.
extension SQLiteCaseStore {
    /// Refuses what the role table refuses, in the port's words.
    func require(_ permission: Permission) throws {
        do { try permission.require(role) } catch { throw CommandError.denied(error) }
    }

    public func loadCaseload() throws -> CaseloadSnapshot {
        try require(.viewCaseload)
        let early = prefetch?.take()
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            // What was read while the key was derived, if nothing has changed since.
            let current = try early.map { $0.stamp == (try CaseloadPrefetch.Stamp.read(db)) } ?? false
            if early != nil { prefetch?.noteTaken(current: current) }
            var snapshot = try Self.childParts(
                of: nil, readable: role.readableClasses, db: db, keys: keys, decoder: decoder, early: current ? early?.classes ?? [:] : [:],
                sharing: RangedSummaryRead.Sharing(location: location, threshold: options.sharesReadAbove))
            var damaged: [DamagedRecord] = []
            let note: DamageHandler = { record, _ in damaged.append(record) }
            snapshot.services = try Self.fetchAll(Service.self, db: db, keys: keys, decoder: decoder, onDamage: note)
            snapshot.checklist = try Self.fetchAll(ReviewChecklist.self, db: db, keys: keys, decoder: decoder, onDamage: note).first
            snapshot.closureReasonList = try Self.fetchAll(ClosureReasonList.self, db: db, keys: keys, decoder: decoder, onDamage: note).first
            snapshot.workers = try Self.fetchAll(Worker.self, db: db, keys: keys, decoder: decoder, onDamage: note)
            snapshot.damaged += damaged
            snapshot.normalizeOrder()
            return snapshot
        }
    }

    /// The reads `loadCaseload` makes of a store whose summaries are kept, as plain SQL (for
    /// `scripts/bench-compare.sh`, which times `sqlite3` reading the same rows). Keep in step
    /// with `loadCaseload`, `childParts` and `summarizedEntries`.
    public static func caseloadReads(readable: [VisibilityClass]) -> [String] {
        let classes = summaryClasses.filter(readable.contains).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let catalogue: [RecordKind] = [.service, .reviewChecklist, .closureReasons, .worker]
        return ["SELECT \(summaryColumns) FROM summaries WHERE class IN (\(classes));",
                "SELECT id, version, row_hash, MAX(seq) FROM audit_rows WHERE kind = '\(summaryKind)' GROUP BY id;",
                "SELECT id FROM records WHERE kind = 'child';",
                "SELECT \(RecordRow.columns) FROM records WHERE kind = 'alert-response';"]
            + catalogue.map { "SELECT \(RecordRow.columns) FROM records WHERE kind = '\($0.rawValue)' ORDER BY sort_at DESC, updated_at DESC, id;" }
    }

    public func loadPatch(children ids: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch {
        try require(.viewCaseload)
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            var part = try Self.childParts(of: ids, readable: role.readableClasses, db: db, keys: keys, decoder: decoder)
            if catalogue {
                var damaged: [DamagedRecord] = []
                let note: DamageHandler = { record, _ in damaged.append(record) }
                part.services = try Self.fetchAll(Service.self, db: db, keys: keys, decoder: decoder, onDamage: note)
                part.checklist = try Self.fetchAll(ReviewChecklist.self, db: db, keys: keys, decoder: decoder, onDamage: note).first
                part.closureReasonList = try Self.fetchAll(ClosureReasonList.self, db: db, keys: keys, decoder: decoder, onDamage: note).first
                part.workers = try Self.fetchAll(Worker.self, db: db, keys: keys, decoder: decoder, onDamage: note)
                let aboutNoChild = try Row.fetchCursor(
                    db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND child_id IS NULL",
                    arguments: [RecordKind.alertResponse.rawValue])
                part.responses += try Self.openReadable(AlertResponse.self, aboutNoChild, keys: keys, decoder: decoder, onDamage: note)
                part.damaged += damaged
            }
            part.normalizeOrder()
            return SnapshotPatch(children: ids, part: part, includesCatalogue: catalogue)
        }
    }

    /// The parts of a snapshot that belong to children: every child's (`ids` nil, with the
    /// alert responses about no child too) or only those of `ids`. Each child's entry of each
    /// class the reader may read comes from its sealed summary (`summarizedEntries`), or from its
    /// records where the store keeps no summaries of that class yet (a store of the previous
    /// version opened read-only, or the restricted class before anyone holding its key signed
    /// in). The last contact is the last of every class: police hold no restricted key, yet a
    /// restricted note's time (a clear column) counts, marked in `restrictedLastContact`. A record that does not open is passed
    /// over and listed in `damaged`, so the rest loads.
    static func childParts(
        of ids: Set<ChildID>?, readable: [VisibilityClass], db: Database, keys: SessionKeys, decoder: JSONDecoder,
        early: [VisibilityClass: TrailedSummaries] = [:], sharing: RangedSummaryRead.Sharing? = nil
    ) throws -> CaseloadSnapshot {
        var damaged: [DamagedRecord] = []
        func note(_ record: DamagedRecord, _: StoreError) { damaged.append(record) }
        var snapshot = CaseloadSnapshot()
        let kept = try summarizedClasses(db)
        for visibility in summaryClasses where readable.contains(visibility) {
            var chunks = kept.contains(visibility) && keys.keyring.holds(visibility)
                ? try summarizedEntries(of: ids, visibility, db: db, keys: keys, onDamage: note, early: early[visibility], sharing: sharing)
                : [ChildEntries(try caseloadEntries(of: ids, visibility, db: db, keys: keys, onDamage: note))]
            // Added in case-number order, so `normalizeOrder` finds the children sorted and
            // moves none of them. Each entry by its chunk and place in it.
            var places: [(chunk: Int, index: Int)] = []
            var numbers: [CaseNumber?] = []
            // How many children bring indicators, episodes and a plan, so each map is made its
            // size once rather than hashing every id again as it doubles.
            var withIndicators = 0, withEpisodes = 0, withPlan = 0
            for chunk in chunks.indices {
                // Through the buffer, which lends each entry in place (iterating the array
                // would copy out each entry, retaining all it holds).
                chunks[chunk].entries.withUnsafeBufferPointer { entries in
                    for index in entries.indices {
                        places.append((chunk, index))
                        numbers.append(entries[index].child?.caseNumber)
                        if !entries[index].openIndicators.isEmpty { withIndicators += 1 }
                        if !entries[index].episodes.isEmpty { withEpisodes += 1 }
                        if entries[index].plan != nil { withPlan += 1 }
                    }
                }
            }
            snapshot.openIndicators.reserveCapacity(snapshot.openIndicators.count + withIndicators)
            snapshot.episodes.reserveCapacity(snapshot.episodes.count + withEpisodes)
            snapshot.plans.reserveCapacity(snapshot.plans.count + withPlan)
            let order = numbers.indices.sorted { a, b in
                guard let x = numbers[a], let y = numbers[b] else { return numbers[a] == nil && numbers[b] != nil }
                return x < y
            }
            // Room for the children this class brings, not for its entries: the restricted
            // class's entries belong to children the team class has already added, and a
            // capacity of both (92,000 at 50,000 children) held 23 MB of empty slots.
            let added = numbers.lazy.filter { $0 != nil }.count
            snapshot.children.reserveCapacity(snapshot.children.count + added)
            snapshot.lastContact.reserveCapacity(snapshot.lastContact.count + added)
            for (chunk, index) in order.lazy.map({ places[$0] }) {
                // Moved out of the list, not copied: a copy retains every string of the child
                // and releasing the list releases them all again.
                snapshot.add(chunks[chunk].take(at: index), of: chunks[chunk].children[index])
            }
        }
        try countUnreadableContacts(of: ids, readable: readable, into: &snapshot, db: db)
        snapshot.responses = try fetchAll(AlertResponse.self, children: ids, db: db, keys: keys, decoder: decoder, onDamage: note)
        snapshot.damaged = damaged
        return snapshot
    }

    /// The time of a note the reader may not open still counts (its `sort_at` is clear): "last
    /// contact" and the alerts on it are the same for every role; only the text is withheld, and
    /// `restrictedLastContact` says the last contact was such a note.
    static func countUnreadableContacts(
        of ids: Set<ChildID>?, readable: [VisibilityClass], into snapshot: inout CaseloadSnapshot, db: Database
    ) throws {
        for visibility in summaryClasses where !readable.contains(visibility) {
            for (child, time) in try lastContacts(of: ids, visibility, db: db) where snapshot.lastContact[child].map({ $0 < time }) ?? true {
                snapshot.lastContact[child] = time
                snapshot.restrictedLastContact.insert(child)
            }
        }
    }

    /// The entries of `visibility` from the sealed summaries, opened on every core. A child
    /// whose summary does not open, or whose team summary is missing, is read from its records
    /// instead (`caseloadEntries`), so one damaged summary costs one child's records, not the
    /// load; `care check` names the summary.
    ///
    /// `early` is the same class read before the key was at hand (`CaseloadPrefetch`), still
    /// current. Without it, a whole class large enough for `sharing` is read, checked and opened
    /// on every core, each its own range of children (`RangedSummaryRead`); otherwise the rows
    /// are read here and opened a batch at a time, so only one batch of sealed payloads is held.
    static func summarizedEntries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, db: Database, keys: SessionKeys, onDamage: DamageHandler,
        early: TrailedSummaries? = nil, sharing: RangedSummaryRead.Sharing? = nil
    ) throws -> [ChildEntries] {
        var chunks: [ChildEntries] = []
        var entries = ChildEntries()
        var opened = Set<ChildID>()
        var unopened = Set<ChildID>()
        func open(_ rows: [RecordRow]) {
            // Each worker shares the ids it decodes across its summaries (`TextInterner`).
            // Each entry taken as it is handed over, not copied out of a list of results.
            ParallelOpening.forEachResult(rows, context: { TextInterner() }, { row, interner in
                try CaseloadSummaries.open(row, keys: keys, interner: &interner)
            }) { index, result in
                let child = ChildID(rawValue: rows[index].childID ?? "")
                switch result {
                case .success(let entry):
                    entries.append(entry, of: child)
                    opened.insert(child)
                case .failure:
                    unopened.insert(child)
                }
            }
        }
        let read: TrailedSummaries
        if early == nil, ids == nil, let sharing, let part = try RangedSummaryRead.read(visibility, db: db, keys: keys, sharing: sharing) {
            // The whole class, read, checked and opened on every core.
            read = TrailedSummaries(unopened: Set(part.unopened), notAsTrailed: part.notAsTrailed)
            chunks = part.chunks
            opened.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
            for entries in chunks { opened.formUnion(entries.children) }
        } else if let early {
            read = early
            // A batch at a time, each let go once opened, as when read here.
            while let batch = early.rows.takeBatch() { open(batch) }
        } else {
            var batch: [RecordRow] = []
            read = try readTrailedSummaries(of: ids, visibility, db: db) { row in
                batch.append(row)
                if batch.count == ParallelOpening.batch {
                    open(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            open(batch)
        }
        unopened.formUnion(read.unopened)
        for record in read.notAsTrailed { try onDamage(record, .sealBroken(kind: summaryKind, id: record.id)) }
        if visibility == .team {
            try forEachChunk(of: ids, idColumn: "id", db: db) { filter, arguments in
                let children = try String.fetchCursor(
                    db, sql: "SELECT id FROM records WHERE kind = ? \(filter)", arguments: [RecordKind.child.rawValue] + arguments)
                while let id = try children.next() {
                    if !opened.contains(ChildID(rawValue: id)) { unopened.insert(ChildID(rawValue: id)) }
                }
            }
        }
        if !entries.isEmpty {
            chunks.append(entries)
            // Let go here, so the chunk is the list's only holder when it is changed below.
            entries = ChildEntries()
        }
        if !unopened.isEmpty {
            for index in chunks.indices { chunks[index].removeAll(of: unopened) }
            chunks.append(ChildEntries(try caseloadEntries(of: unopened, visibility, db: db, keys: keys, onDamage: onDamage)))
        }
        return chunks
    }

    /// The summary rows of one class that are what the trail last wrote, as read before any key
    /// is needed: each such row goes to `body` (or is kept in `rows` when no body is given), and
    /// the children to read from their records instead are named.
    struct TrailedSummaries: Sendable {
        /// The rows, when they were kept rather than handed on.
        var rows = RowBatches()
        /// Children whose summary row has damaged columns or is not as trailed: read from their records.
        var unopened = Set<ChildID>()
        /// Summaries not what the trail last wrote (an older copy put back, one moved, one no
        /// event wrote) or deleted: named as damage, their children read from their records.
        var notAsTrailed: [DamagedRecord] = []
    }

    /// Reads the summaries of `visibility` (of `ids`, or all) and checks each against the trail.
    /// No key is needed, so a sign-in does this while the passphrase's key derivation runs.
    static func readTrailedSummaries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, db: Database, _ body: ((RecordRow) -> Void)? = nil
    ) throws -> TrailedSummaries {
        var read = TrailedSummaries()
        // Each trailed summary is taken out as its row is found: what is left was deleted.
        var trail = try trailedSummaries(of: ids, visibility, db: db)
        try forEachChunk(of: ids, db: db) { filter, arguments in
            let statement = try db.makeStatement(sql: "SELECT \(summaryColumns) FROM summaries WHERE class = ? \(filter)")
            let stored = try Row.fetchCursor(statement, arguments: [visibility.rawValue] + arguments)
            while let next = try stored.next() {
                let row: RecordRow
                do {
                    row = try SummaryColumns.row(statement.sqliteStatement)
                } catch let error as StoreError where error.isDamage {
                    // Damaged columns: the child (when its id is readable) is read from its
                    // records; a team summary with no readable id is found missing later.
                    if let child = (try? next.stored("child_id", as: String?.self)) ?? nil { read.unopened.insert(ChildID(rawValue: child)) }
                    continue
                }
                // Not the summary the trail last wrote (an older copy put back, one moved, one
                // no event wrote): it opens, but what it says cannot be trusted. The child is
                // read from its records and marked, for the alert and the handover.
                guard CaseloadSummaries.isTrailed(row, trail.removeValue(forKey: row.id)) else {
                    let child = ChildID(rawValue: row.childID ?? "")
                    read.unopened.insert(child)
                    read.notAsTrailed.append(DamagedRecord(kind: summaryKind, id: row.id, child: child))
                    continue
                }
                if let body { body(row) } else { read.rows.append(row) }
            }
        }
        // A summary the trail wrote and the table no longer holds was deleted: the same.
        for id in trail.keys.sorted() {
            let child = ChildID(rawValue: String(id.dropFirst(visibility.rawValue.count + 1)))
            read.unopened.insert(child)
            read.notAsTrailed.append(DamagedRecord(kind: summaryKind, id: id, child: child))
        }
        return read
    }

    /// The version and row hash the trail last wrote of each summary of `visibility` (of the
    /// children `ids`, or all), by summary id: the keyed chain holds each event's rows, so a
    /// summary put back at an older version, or one no event wrote, does not match.
    static func trailedSummaries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, db: Database
    ) throws -> [String: CaseloadSummaries.Trailed] {
        var trailed: [String: CaseloadSummaries.Trailed] = [:]
        let prefix = "\(visibility.rawValue)/"
        func collect(_ filter: String, _ arguments: StatementArguments) throws {
            // SQLite takes the bare columns from the row with the largest `seq` of each id.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, version, row_hash, MAX(seq) FROM audit_rows
                WHERE kind = ? AND id >= ? AND id < ? \(filter) GROUP BY id
                """, arguments: [summaryKind, prefix, "\(visibility.rawValue)0"] + arguments)
            while let row = try rows.next() {
                trailed[try row.stored("id")] = CaseloadSummaries.Trailed(version: try row.stored("version"), hash: try row.stored("row_hash"))
            }
        }
        guard let ids else {
            try collect("", [])
            return trailed
        }
        let all = ids.map { summaryID($0, visibility) }
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(start + 500, all.count)])
            try collect("AND id IN (\(chunk.map { _ in "?" }.joined(separator: ", ")))", StatementArguments(chunk))
        }
        return trailed
    }

    /// Every record of one kind that belongs to one of `children` (to any child, and to none,
    /// when nil), opened in bulk, in no particular order.
    static func fetchAll<Record: CareRecord>(
        _ type: Record.Type, children: Set<ChildID>?, db: Database, keys: SessionKeys, decoder: JSONDecoder,
        onDamage: DamageHandler = refuseDamage
    ) throws -> [Record] {
        var records: [Record] = []
        try forEachChunk(of: children, db: db) { filter, arguments in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? \(filter)",
                arguments: [Record.kind.rawValue] + arguments)
            records += try openReadable(Record.self, rows, keys: keys, decoder: decoder, onDamage: onDamage)
        }
        return records
    }

    /// Calls `body` with an `AND child_id IN (...)` filter for each chunk of `ids` (SQLite limits
    /// the arguments of one statement), or once with no filter when `ids` is nil. An empty set
    /// calls it not at all.
    static func forEachChunk(
        of ids: Set<ChildID>?, idColumn: String = "child_id", db: Database, _ body: (String, StatementArguments) throws -> Void
    ) throws {
        guard let ids else { return try body("", []) }
        let all = ids.map(\.rawValue)
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(start + 500, all.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try body("AND \(idColumn) IN (\(marks))", StatementArguments(chunk))
        }
    }

    /// Writes the `preview` event in its own committed transaction, the first time this session
    /// shows the child's details since it was unlocked; if that fails, the details are not shown.
    public func preview(of child: ChildID) throws {
        try require(.viewCaseload)
        guard !session.hasPreviewed(child.rawValue) else { return }
        try audited(.preview, of: child, "previewed the child's details")
        session.notePreviewed(child.rawValue)
    }

    /// The referral screen's `view` event, written (and committed) before the screen shows the
    /// referral; a referral not filed under `child` is refused.
    public func viewReferral(_ referral: ReferralID, of child: ChildID) throws {
        try require(.viewCaseload)
        if let readOnlyReason {
            throw StoreError.readOnly("\(readOnlyReason), so a view of a referral cannot be audited and is not shown")
        }
        try write(durability: .untilNextSync) { db, keys in
            let filed = try String.fetchOne(
                db, sql: "SELECT child_id FROM records WHERE kind = ? AND id = ?", arguments: [RecordKind.referral.rawValue, referral.rawValue])
            guard filed == child.rawValue else { throw CommandError.notFound(kind: .referral, id: referral.rawValue) }
            try appendEvent(db, keys: keys, action: .view, targetKind: .referral, targetID: referral.rawValue, child: child,
                            summary: "viewed a referral in full")
        }
    }

    /// The handover screen's `view` events, one per card, committed before the cards are shown.
    public func viewHandover(children: [ChildID], shift: String) throws {
        try require(.viewCaseload)
        if let readOnlyReason {
            throw StoreError.readOnly("\(readOnlyReason), so a look at the handover cannot be audited and is not shown")
        }
        try write(durability: .untilNextSync) { db, keys in
            for child in children {
                try appendEvent(db, keys: keys, action: .view, targetKind: .child, targetID: child.rawValue, child: child,
                                summary: "viewed the child's card on the handover of \(shift)")
            }
        }
    }

    /// Writes the `view` event in its own committed transaction first: if that fails, the record
    /// is not shown.
    public func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        try audited(.view, of: child, "viewed the child's record")
        session.noteViewed(child.rawValue)
        return try detail(of: child, contactLimit: contactLimit)
    }

    /// Commits the audit event of a look at `child`'s record before anything of it is read.
    private func audited(_ action: AuditAction, of child: ChildID, _ summary: String) throws {
        if let readOnlyReason {
            throw StoreError.readOnly("\(readOnlyReason), so a view of a record cannot be audited and is not shown")
        }
        try write(durability: .untilNextSync) { db, keys in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE kind = ? AND id = ?)",
                arguments: [RecordKind.child.rawValue, child.rawValue]) ?? false
            guard exists else { throw CommandError.notFound(kind: .child, id: child.rawValue) }
            try appendEvent(db, keys: keys, action: action, targetKind: .child, targetID: child.rawValue, child: child, summary: summary)
        }
    }

    /// The record again, without a second `view` event: only for a child this session viewed
    /// since it was last unlocked, so nobody reads a record whose opening is not in the trail.
    public func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        _ = try session.keys()
        guard session.hasViewed(child.rawValue) else { throw StoreError.notViewed }
        return try detail(of: child, contactLimit: contactLimit)
    }

    private func detail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try read { db, keys in
            let decoder = RecordCoding.decoder()
            guard let record = try Self.fetchRecord(Child.self, id: child.rawValue, db: db, keys: keys) else {
                throw CommandError.notFound(kind: .child, id: child.rawValue)
            }
            // The whole records, in the snapshot's orders, so the record pane and the caseload
            // never order the same records differently. A record that does not open is passed
            // over and named in `damaged`.
            var damaged: [DamagedRecord] = []
            func note(_ record: DamagedRecord, _: StoreError) { damaged.append(record) }
            func fetch<Record: CareRecord>(_ type: Record.Type) throws -> [Record] {
                try Self.fetchAll(type, children: [child], db: db, keys: keys, decoder: decoder, onDamage: note)
            }
            let links = try Self.fetchAll(RecordLink.self, child: child, db: db, keys: keys, decoder: decoder, onDamage: note)
            let contacts = try contactPage(child, after: .start, limit: contactLimit, db: db, keys: keys)
            // A damaged note on a page not loaded yet is named now, not once scrolled to.
            let later = try damagedContacts(of: child, besides: contacts, db: db, keys: keys)
            var detail = ChildDetail(
                child: record,
                contacts: contacts,
                episodes: try fetch(MissingEpisode.self).sorted(by: CaseloadSnapshot.newerEpisode),
                indicators: try fetch(RiskIndicator.self).sorted(by: CaseloadSnapshot.newerIndicator),
                plan: try fetch(SafetyPlan.self).first,
                referrals: try fetch(Referral.self).sorted(by: CaseloadSnapshot.newerReferral),
                appointments: try fetch(Appointment.self).sorted(by: CaseloadSnapshot.soonerAppointment),
                links: links.sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) },
                damaged: damaged + contacts.damaged + later)
            detail.untrusted = try Self.rowsNotAsTrailed(of: child, db: db)
            return detail
        }
    }

    public func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage {
        try require(.viewCaseload)
        return try read { db, keys in
            try contactPage(child, after: cursor, limit: limit, db: db, keys: keys)
        }
    }

    /// The notes of `child` on the pages not loaded yet (after `page`) that this session may
    /// read and whose seal does not open. Only the seal is checked (AES-GCM, no decoding): the
    /// whole notes are decoded when their page loads, which names any other damage then.
    func damagedContacts(of child: ChildID, besides page: ContactPage, db: Database, keys: SessionKeys) throws -> [DamagedRecord] {
        guard page.hasMore else { return [] }
        let loaded = Set(page.contacts.map(\.recordID)).union(page.damaged.map(\.id))
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND child_id = ? ORDER BY sort_at DESC, id DESC
            """, arguments: [RecordKind.contact.rawValue, child.rawValue])
        var damaged: [DamagedRecord] = []
        while let stored = try rows.next() {
            do {
                let row = try RecordRow(row: stored)
                guard !loaded.contains(row.id), keys.keyring.holds(row.visibility), role.mayRead(row.visibility) else { continue }
                _ = try keys.sealer.open(row)
            } catch let error as StoreError where error.isDamage {
                damaged.append(DamagedRecord(stored, kind: .contact))
            }
        }
        return damaged
    }

    /// The contacts after `cursor`, newest first by (time, id): two contacts at the same minute
    /// on either side of a page boundary are neither skipped nor shown twice. The page is
    /// filled by `ContactPaging` (CareCore), as on the PostgreSQL store: notes this session may
    /// not open counted, never opened; notes that do not open listed in `damaged`.
    func contactPage(
        _ child: ChildID, after cursor: ContactCursor, limit: Int, db: Database, keys: SessionKeys
    ) throws -> ContactPage {
        let time = cursor.occurredAt.timeIntervalSince1970
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(RecordRow.columns) FROM records
            WHERE kind = ? AND child_id = ? AND (sort_at < ? OR (sort_at = ? AND id < ?))
            ORDER BY sort_at DESC, id DESC
            """, arguments: [RecordKind.contact.rawValue, child.rawValue, time, time, cursor.id.rawValue])
        var paging = ContactPaging(limit: limit, keys: keys, role: role)
        while let stored = try rows.next(),
              try paging.take({ try RecordRow(row: stored) }, damage: { DamagedRecord(stored, kind: .contact) }) {}
        return paging.finished
    }

    /// The acknowledgements of the handover's entries, oldest first. They are found through the
    /// entries' children (the handover id is sealed inside each), so an acknowledgement of an
    /// entry since removed from the handover is not listed.
    public func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement] {
        try require(.viewCaseload)
        return try read { db, keys in
            guard let stored = try Self.fetchRecord(Handover.self, id: handover.rawValue, db: db, keys: keys) else { return [] }
            let children = Set(stored.entries.map(\.child))
            return try Self.fetchAll(HandoverAcknowledgement.self, children: children, db: db, keys: keys, decoder: RecordCoding.decoder())
                .filter { $0.handover == handover }
                .sorted { ($0.at, $0.id.rawValue) < ($1.at, $1.id.rawValue) }
        }
    }
}
