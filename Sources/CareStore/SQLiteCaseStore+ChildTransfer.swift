import CareDomain
import Foundation

/// A child moving to another unit (issue 27): the receiving unit hands out its transfer key, the
/// sending unit records the youth's consent and seals the child's records to that key, and the
/// receiving unit opens the file, sees what arrives, and accepts it. Supervisors only, on both
/// sides: they hold the unit's authority the key rests on.
extension SQLiteCaseStore {
    /// The kinds of a child's records a transfer carries. Referrals, links, alert answers and
    /// handovers name the sending unit's catalogue, workers and shifts, and stay behind.
    public static let transferredKinds: [RecordKind] = [.child, .contact, .missingEpisode, .indicator, .safetyPlan, .appointment]

    /// This unit's transfer key (`care transfer key`), for another unit to seal a child to.
    public func transferKey() throws -> TransferKey {
        try require(.export)
        return try TransferKey.make(try heldAuthority())
    }

    private func heldAuthority() throws -> UnitAuthority {
        guard let authority = try session.keys().authority else {
            throw StoreError.invalid("This session holds no unit authority (a store whose accounts are not certified yet has none); sign in as a supervisor of a certified store.")
        }
        return authority
    }

    /// Seals child `caseNumber`'s records to `key` and records the transfer, with `consent`: the
    /// `export` event first (the records never leave unaudited), then the transfer, which closes
    /// the case and makes this copy read-only. The caller writes the file (0600).
    public func exportTransfer(caseNumber: CaseNumber, to key: TransferKey, consent: String) throws -> ChildTransferFile {
        try require(.export)
        let own = try heldAuthority()
        if key.authority == own.publicKey { throw StoreError.invalid("That is this unit's own transfer key; ask the receiving unit for theirs.") }
        if consent.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalid("Record the youth's consent to the transfer first (--consent: who agreed, when, how).")
        }
        let snapshot = try loadCaseload()
        guard let summary = snapshot.children.first(where: { $0.caseNumber == caseNumber }) else {
            throw StoreError.invalid("No child has case number \(caseNumber).")
        }
        if !summary.isOpen { throw StoreError.invalid("\(caseNumber) is closed; only an open case is transferred.") }
        if snapshot.openEpisode(of: summary.id) != nil {
            throw StoreError.invalid("\(caseNumber) is missing now: the unit looking for them keeps the case until they are located.")
        }
        let unitRecords = try unitRecords(Self.transferredKinds, auditing: "transfer of \(caseNumber) sealed to the unit with authority key \(key.fingerprint)")
        let records = unitRecords.records.filter { $0.childID == summary.id }
        if unitRecords.damaged.contains(where: { $0.child == summary.id }) {
            throw StoreError.invalid("Some of \(caseNumber)'s records do not open here (care check names them); restore them before the transfer.")
        }
        let encoder = RecordCoding.encoder()
        let ordered = records.filter { $0.kind == .child } + records.filter { $0.kind != .child }
        let package = ChildTransferPackage(
            fromUnit: unit, sentAt: clock.now(), consent: consent.trimmingCharacters(in: .whitespacesAndNewlines),
            items: try ordered.map { .init(kind: $0.kind, record: try $0.encoded(using: encoder)) })
        let file = try ChildTransferFile.seal(package, to: key, from: UnitAuthority.fingerprint(own.publicKey))
        _ = try perform(.recordTransfer(child: summary.id, toAuthority: key.fingerprint, consent: consent))
        return file
    }

    /// What `file` holds, opened with this unit's transfer key; nothing is written.
    public func openTransfer(_ file: ChildTransferFile) throws -> ChildTransferPackage {
        try require(.export)
        let own = try heldAuthority()
        guard file.to == UnitAuthority.fingerprint(own.publicKey) else {
            throw StoreError.invalid("This file was sealed to the unit with authority key \(file.to), not to this one; nothing was read.")
        }
        return try file.open(with: try TransferKey.privateKey(of: own))
    }

    /// Accepts the child in `file`: their records come in as they were sent, in one transaction
    /// with one audit event; the child gets this unit's next case number, keeps the old one as a
    /// former number, and is on this supervisor's caseload until reassigned.
    public func acceptTransfer(_ file: ChildTransferFile) throws -> Child {
        let package = try openTransfer(file)
        var records = try package.records()
        guard let index = records.firstIndex(where: { $0.kind == .child }), var child = records[index].as(Child.self) else {
            throw StoreError.invalid("This transfer file holds no child.")
        }
        child.formerCaseNumbers = (child.formerCaseNumbers ?? []) + [child.caseNumber]
        child.caseNumber = .unassigned(unit: unit, year: child.openedOn.year)
        child.team = Team(childProtection: worker.id)
        child.transferredOut = nil
        records[index] = .child(child)
        _ = try importUnitRecords(records, summary: "transfer accepted from unit \(package.fromUnit) (former \(child.formerCaseNumbers?.last?.description ?? ""))")
        return try read { db, keys in try Self.fetchRecord(Child.self, id: child.id.rawValue, db: db, keys: keys) } ?? child
    }
}
