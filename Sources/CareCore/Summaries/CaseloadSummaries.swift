import CareDomain
import Foundation

/// The sealed per-child caseload summaries, the same on every backend: for each child and each
/// visibility class with entries (team, restricted), the `CaseloadEntry` made from that child's
/// records of that class, sealed under the class's key in `SummaryCodec`'s bytes. Each backend
/// keeps them in a `summaries` table of the same columns, rewrites a child's in the transaction
/// of any change to its records and lists them in that change's audit event, so the trail keeps
/// each summary's row hash (a row of kind `summary` whose id is `<class>/<child id>`, sealed,
/// hashed and trailed by the code every record goes through).
///
/// What differs between backends is only the SQL that reads and writes the rows; what a summary
/// is, how it is made from records, when one may be trusted and how `care check` judges one are
/// here once.
package enum CaseloadSummaries {
    package static let kind = "summary"

    /// The classes a child can have a summary of.
    package static let classes: [VisibilityClass] = [.team, .restricted]

    /// The columns of a `summaries` row, in the order every backend selects them.
    package static let columns = "child_id, class, version, updated_at, change_seq, payload"

    package static func id(_ child: ChildID, _ visibility: VisibilityClass) -> String { id(childText: child.rawValue, visibility) }

    /// The same from the child id's text as a row holds it: no id made and its text made again.
    static func id(childText child: String, _ visibility: VisibilityClass) -> String { visibility.rawValue + "/" + child }

    /// The child a summary id names, when it is of `visibility`.
    package static func child(ofID id: String, _ visibility: VisibilityClass) -> ChildID? {
        let prefix = "\(visibility.rawValue)/"
        return id.hasPrefix(prefix) ? ChildID(rawValue: String(id.dropFirst(prefix.count))) : nil
    }

    /// A stored summary's columns as the `RecordRow` it is sealed as.
    package static func row(
        childID child: String, visibility: String, version: Int, updatedAt: Double, changeSequence: Int64, payload: Data
    ) throws -> RecordRow {
        guard let visibility = VisibilityClass(rawValue: visibility) else {
            throw StoreError.corrupt("the summary of child \(child) names an unknown visibility class")
        }
        return RecordRow(
            kind: kind, id: id(childText: child, visibility), childID: child, version: version, sortAt: nil, updatedAt: updatedAt,
            changeSequence: changeSequence, visibility: visibility, payload: payload)
    }

    /// The entry a summary row holds. Its child, when it has one, must be the row's.
    package static func open(_ row: RecordRow, keys: SessionKeys) throws -> CaseloadEntry {
        var interner = TextInterner()
        return try open(row, keys: keys, interner: &interner)
    }

    /// The same, sharing repeated text with the summaries `interner` decoded before.
    package static func open(_ row: RecordRow, keys: SessionKeys, interner: inout TextInterner) throws -> CaseloadEntry {
        let plain = try keys.sealer.open(row)
        let entry: CaseloadEntry
        do {
            entry = try SummaryCodec.decode(plain, interner: &interner)
        } catch {
            throw StoreError.corrupt("the summary \(row.id) does not decode")
        }
        // The row's child id made an id, not the entry's made text: one parse, no string.
        if let child = entry.child, row.childID.map(ChildID.init(rawValue:)) != child.id { throw StoreError.sealBroken(kind: row.kind, id: row.id) }
        return entry
    }

    /// `entry` sealed as the summary of `child` for `visibility` at `version`.
    package static func sealed(
        _ entry: CaseloadEntry, of child: ChildID, _ visibility: VisibilityClass, version: Int, at now: Date, changeSequence: Int64,
        keys: SessionKeys
    ) throws -> RecordRow {
        var row = RecordRow(
            kind: kind, id: id(child, visibility), childID: child.rawValue, version: version, sortAt: nil,
            updatedAt: now.timeIntervalSince1970, changeSequence: changeSequence, visibility: visibility)
        try keys.sealer.seal(SummaryCodec.encode(entry), into: &row)
        return row
    }

    // MARK: Which classes are kept

    /// The classes named in the store's `summaries` setting (`team,restricted`): those whose
    /// summaries are complete, every child's kept.
    package static func kept(fromSetting text: String?) -> Set<VisibilityClass> {
        guard let text else { return [] }
        return Set(text.split(separator: ",").compactMap { VisibilityClass(rawValue: String($0)) })
    }

    package static func setting(_ kept: Set<VisibilityClass>) -> String {
        classes.filter(kept.contains).map(\.rawValue).joined(separator: ",")
    }

    /// The children whose summaries of each class written `records` change (the classes
    /// `CaseloadEntry.classes(changedBy:)` names), of the classes `kept` whose key the session
    /// holds: the summaries a transaction must write again before its audit event.
    package static func touched(by records: [any CareRecord], kept: Set<VisibilityClass>, keys: SessionKeys) -> [VisibilityClass: Set<ChildID>] {
        var touched: [VisibilityClass: Set<ChildID>] = [:]
        for record in records {
            guard let child = record.childID else { continue }
            for visibility in CaseloadEntry.classes(changedBy: type(of: record).kind, visibility: record.visibilityClass)
            where kept.contains(visibility) && keys.keyring.holds(visibility) {
                touched[visibility, default: []].insert(child)
            }
        }
        return touched
    }

    // MARK: Made from the records

    /// The records a team entry is made of, as a backend read them (in any order): what each
    /// child's summary must hold. `unreadable` are children whose own record does not open: what
    /// of theirs does open still counts (an open missing episode above all), in an entry without
    /// the child.
    package struct TeamRecords {
        package var children: [Child] = []
        package var episodes: [MissingEpisode] = []
        package var indicators: [RiskIndicator] = []
        package var plans: [SafetyPlan] = []
        package var referrals: [Referral] = []
        package var appointments: [Appointment] = []
        package var unreadable = Set<ChildID>()

        package init() {}
    }

    /// The team entries `records` make, by child, with each child's last team contact.
    package static func teamEntries(_ records: TeamRecords, lastContact: [ChildID: Date]) -> [ChildID: CaseloadEntry] {
        let episodes = Dictionary(grouping: records.episodes, by: \.child)
        let indicators = Dictionary(grouping: records.indicators, by: \.child)
        let plans = Dictionary(records.plans.map { ($0.child, $0) }, uniquingKeysWith: { first, _ in first })
        let referrals = Dictionary(grouping: records.referrals, by: \.child)
        let appointments = Dictionary(grouping: records.appointments, by: \.child)
        var entries: [ChildID: CaseloadEntry] = [:]
        for child in records.children {
            let id = child.id
            entries[id] = .team(
                child: child, episodes: episodes[id] ?? [], indicators: indicators[id] ?? [], plan: plans[id],
                referrals: referrals[id] ?? [], appointments: appointments[id] ?? [], lastContact: lastContact[id])
        }
        for id in records.unreadable where entries[id] == nil {
            entries[id] = .unreadable(
                episodes: episodes[id] ?? [], indicators: indicators[id] ?? [], plan: plans[id],
                referrals: referrals[id] ?? [], appointments: appointments[id] ?? [], lastContact: lastContact[id])
        }
        return entries
    }

    /// The restricted entries: each child's last restricted contact, from the clear `sort_at`.
    package static func restrictedEntries(lastContact: [ChildID: Date]) -> [ChildID: CaseloadEntry] {
        lastContact.mapValues { CaseloadEntry.restricted(lastContact: $0) }
    }

    // MARK: Trusting one

    /// What the trail last wrote of a summary (its newest `audit_rows` entry).
    package struct Trailed: Sendable {
        package var version: Int
        package var hash: Data

        package init(version: Int, hash: Data) {
            self.version = version
            self.hash = hash
        }
    }

    /// Whether a stored summary is the one the trail last wrote: one put back at an older
    /// version, moved, or written by no event opens, but what it says cannot be trusted, and the
    /// child is read from its records instead.
    package static func isTrailed(_ row: RecordRow, _ trailed: Trailed?) -> Bool {
        guard let trailed else { return false }
        return trailed.version == row.version && trailed.hash == row.hash
    }
}
