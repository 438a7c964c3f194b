import CareDomain
import Foundation
import GRDB

/// A child moving to another unit (issue 27), as a pending workflow (`TransferWorkflow`):
///
/// 1. The receiving unit hands out its transfer key (`transferKey`).
/// 2. The sending unit records the youth's consent and seals the child's records to that key
///    (`exportTransfer`): the transfer is pending, the child stays the sender's, open.
/// 3. The receiving unit opens the file (`openTransfer`) and accepts it (`acceptTransfer`: the
///    child becomes theirs) or rejects it with a reason (`rejectTransfer`); either writes an
///    answer sealed to the sending unit's key.
/// 4. The sending unit reads the answer (`importTransferAnswer`): accepted, its copy closes and
///    turns read-only; rejected, the child is an ordinary open case with the reason shown.
///
/// The sender may revoke while it waits (`revokeTransfer`), which writes a revoke answer sealed
/// to the receiving unit's key: an acceptance arriving after the revoke is refused on the
/// sender, and the receiver, once it has read the revoke, refuses to accept the file. The
/// receiving unit keeps its answer to each transfer id in `meta` (`transfer_in.<id>`, the
/// state's name only: no child, no unit), written in the transaction of its audit event.
/// Supervisors only, on both sides: they hold the unit's authority the keys rest on.
extension SQLiteCaseStore {
    /// The kinds of a child's records a transfer carries. Referrals, links, alert answers and
    /// handovers name the sending unit's catalogue, workers and shifts, and stay behind.
    public static let transferredKinds: [RecordKind] = [.child, .contact, .missingEpisode, .indicator, .safetyPlan, .appointment]

    /// This unit's transfer key (`care transfer key`), for another unit to seal a child to.
    public func transferKey() throws -> TransferKey {
        try require(.export)
        return try TransferKey.make(try heldAuthority(), unit: unit)
    }

    private func heldAuthority() throws -> UnitAuthority {
        guard let authority = try session.keys().authority else {
            throw StoreError.invalid("This session holds no unit authority (a store whose accounts are not certified yet has none); sign in as a supervisor of a certified store.")
        }
        return authority
    }

    // MARK: The sending unit

    /// Seals child `caseNumber`'s records to `key` and records the transfer as pending, with
    /// `consent`: the `export` event first (the records never leave unaudited), then the
    /// transfer step. The child stays this unit's until the answer says accepted. The caller
    /// writes the file (0600).
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
        // The table's refusal (a transfer already pending, say) before anything is sealed.
        let current = try child(summary.id)
        do { _ = try TransferWorkflow.next(.send, from: TransferWorkflow.state(of: current), role: role) } catch {
            throw StoreError.invalid("\(caseNumber): \(error.description)")
        }
        let unitRecords = try unitRecords(Self.transferredKinds, auditing: "transfer of \(caseNumber) sealed to \(key.unit ?? "the unit with authority key \(key.fingerprint)")")
        let records = unitRecords.records.filter { $0.childID == summary.id }
        if unitRecords.damaged.contains(where: { $0.child == summary.id }) {
            throw StoreError.invalid("Some of \(caseNumber)'s records do not open here (care check names them); restore them before the transfer.")
        }
        let encoder = RecordCoding.encoder()
        let ordered = records.filter { $0.kind == .child } + records.filter { $0.kind != .child }
        let id = UUID().uuidString.lowercased()
        let agreed = consent.trimmingCharacters(in: .whitespacesAndNewlines)
        var package = ChildTransferPackage(
            fromUnit: unit, sentAt: clock.now(), consent: agreed,
            items: try ordered.map { .init(kind: $0.kind, record: try $0.encoded(using: encoder)) })
        package.transferID = id
        package.replyKey = try TransferKey.make(own, unit: unit).text
        let file = try ChildTransferFile.seal(package, to: key, from: UnitAuthority.fingerprint(own.publicKey))
        _ = try perform(.transfer(child: summary.id, .send(id: id, toAuthority: key.fingerprint, toUnit: key.unit, toKey: key.text, consent: agreed)))
        return file
    }

    /// Revokes the pending transfer of `caseNumber`, saying why: recorded (the child is an
    /// ordinary open case again), and a revoke answer sealed to the receiving unit's key
    /// returned for the caller to write and send, so the receiver cannot accept it after reading it.
    public func revokeTransfer(caseNumber: CaseNumber, reason: String) throws -> TransferAnswerFile {
        try require(.export)
        let own = try heldAuthority()
        guard let summary = try loadCaseload().children.first(where: { $0.caseNumber == caseNumber }) else {
            throw StoreError.invalid("No child has case number \(caseNumber).")
        }
        let current = try child(summary.id)
        guard let transfer = current.transferredOut, let id = transfer.id, let keyText = transfer.toKey,
              TransferWorkflow.state(of: current) == .pending
        else {
            let refusal = (try? TransferWorkflow.next(.revoke, from: TransferWorkflow.state(of: current), role: role)).map { _ in
                "This transfer was sent before transfers waited for an answer; there is nothing to revoke."
            }
            throw StoreError.invalid(refusal ?? TransferError.notFrom(.revoke, TransferWorkflow.state(of: current)).description)
        }
        let outcome = try perform(.transfer(child: summary.id, .revoke(reason: reason)))
        let at = outcome.record?.as(Child.self)?.transferredOut?.outcome?.at ?? clock.now()
        let answer = TransferAnswer(transferID: id, kind: .revoked, at: at, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), unit: unit)
        return try TransferAnswerFile.seal(answer, to: try TransferKey(text: keyText), signedBy: own)
    }

    // MARK: The receiving unit

    /// What `file` holds, opened with this unit's transfer key; nothing is written.
    public func openTransfer(_ file: ChildTransferFile) throws -> ChildTransferPackage {
        try require(.export)
        let own = try heldAuthority()
        guard file.to == UnitAuthority.fingerprint(own.publicKey) else {
            throw StoreError.invalid("This file was sealed to the unit with authority key \(file.to), not to this one; nothing was read.")
        }
        let package = try file.open(with: try TransferKey.privateKey(of: own))
        guard TransferKey.isUnitCode(package.fromUnit) else {
            throw StoreError.invalid("This transfer file names its unit in a form care does not write; nothing was read.")
        }
        return package
    }

    /// What `file` holds, as `care transfer import FILE` shows it before any answer: opened, and
    /// the look audited on this store (case number and unit only), so the receiving side's trail
    /// has every step too.
    public func showTransfer(_ file: ChildTransferFile) throws -> ChildTransferPackage {
        let package = try openTransfer(file)
        let number = package.child?.caseNumber.description ?? "a child"
        try write { db, keys in
            _ = try appendEvent(db, keys: keys, action: .notice, summary: "transfer of \(number) from unit \(package.fromUnit) opened to see what arrives; nothing taken in")
        }
        return package
    }

    /// This unit's answer so far to the transfer in `package`: pending until accepted, rejected
    /// here, or revoked by the sender (read with `importTransferAnswer`).
    public func incomingState(_ package: ChildTransferPackage) throws -> TransferState {
        guard let id = package.transferID else { return .pending }
        return try read { db, _ in try Self.incomingState(id, db: db) }
    }

    static func incomingState(_ id: String, db: Database) throws -> TransferState {
        try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = ?", arguments: ["transfer_in." + id])
            .flatMap(TransferState.init(rawValue:)) ?? .pending
    }

    /// Moves this unit's answer to transfer `id` along the table, or throws its refusal in words.
    private func answerIncoming(_ id: String, _ step: TransferStep, db: Database) throws {
        let state = try Self.incomingState(id, db: db)
        let next: TransferState
        do { next = try TransferWorkflow.next(step, from: state, role: role) } catch {
            throw StoreError.invalid(error.description)
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: ["transfer_in." + id, next.rawValue])
    }

    /// Accepts the child in `file`: their records come in as they were sent, with one audit
    /// event and this unit's answer, in one transaction; the child gets this unit's next case
    /// number, keeps the old one as a former number, and is on this supervisor's caseload until
    /// reassigned. Returns the child and the acceptance sealed to the sending unit (nil for a
    /// file from before answers).
    public func acceptTransfer(_ file: ChildTransferFile) throws -> (child: Child, answer: TransferAnswerFile?) {
        let package = try openTransfer(file)
        let own = try heldAuthority()
        let reply = try package.replyKey.map(TransferKey.init(text:))
        var records = try package.records()
        guard let index = records.firstIndex(where: { $0.kind == .child }), var child = records[index].as(Child.self) else {
            throw StoreError.invalid("This transfer file holds no child.")
        }
        if let id = package.transferID {
            let state = try read { db, _ in try Self.incomingState(id, db: db) }
            do { _ = try TransferWorkflow.next(.accept, from: state, role: role) } catch {
                if state == .revoked {
                    throw StoreError.invalid("Unit \(package.fromUnit) revoked this transfer (its revoke file was read here); it cannot be accepted, and nothing was taken in.")
                }
                throw StoreError.invalid(error.description)
            }
        }
        let former = child.caseNumber
        child.formerCaseNumbers = (child.formerCaseNumbers ?? []) + [former]
        child.caseNumber = .unassigned(unit: unit, year: child.openedOn.year)
        child.team = Team(childProtection: worker.id)
        child.transferredOut = nil
        child.closureRequest = nil
        records[index] = .child(child)
        _ = try importUnitRecords(records, summary: "transfer accepted from unit \(package.fromUnit) (former \(former))", alsoWriting: { db in
            if let id = package.transferID { try self.answerIncoming(id, .accept, db: db) }
        })
        let taken = try self.child(child.id)
        guard let id = package.transferID, let reply else { return (taken, nil) }
        let answer = TransferAnswer(transferID: id, kind: .accepted, at: CommandRules.stamp(clock.now()), unit: unit,
                                    caseNumberThere: taken.caseNumber.description)
        return (taken, try TransferAnswerFile.seal(answer, to: reply, signedBy: own))
    }

    /// Rejects the child in `file`, saying why: nothing comes in; the answer is recorded and
    /// audited here, and returned sealed to the sending unit for the caller to write and send.
    public func rejectTransfer(_ file: ChildTransferFile, reason: String) throws -> TransferAnswerFile {
        let package = try openTransfer(file)
        let own = try heldAuthority()
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if why.isEmpty { throw StoreError.invalid("Give the reason the transfer is rejected; the sending unit reads it.") }
        guard let id = package.transferID, let replyText = package.replyKey else {
            throw StoreError.invalid("This transfer file is from before transfers waited for an answer; call the sending unit instead.")
        }
        let reply = try TransferKey(text: replyText)
        let former = package.child?.caseNumber.description ?? "a child"
        try write { db, keys in
            try answerIncoming(id, .reject, db: db)
            _ = try appendEvent(db, keys: keys, action: .notice,
                                summary: "transfer of \(former) from unit \(package.fromUnit) rejected, with a reason; nothing taken in")
        }
        let answer = TransferAnswer(transferID: id, kind: .rejected, at: CommandRules.stamp(clock.now()), reason: why, unit: unit)
        return try TransferAnswerFile.seal(answer, to: reply, signedBy: own)
    }

    // MARK: Either side

    /// What reading an answer file did, in words for the terminal: case numbers and unit codes,
    /// never a reason (its words may name someone; the sender's record shows it).
    public struct AnswerReceipt: Sendable, Equatable {
        public var kind: TransferAnswer.Kind
        public var fromUnit: String
        /// The sending unit's case number of the child (on the sender), or the transfer's (on the receiver).
        public var caseNumber: String?
        public var words: String
    }

    /// Reads the other unit's answer to a transfer: on the sending unit an acceptance or a
    /// rejection (the child's copy moves along the table; an acceptance after a revoke is
    /// refused in words), on the receiving unit a revoke (recorded, so the file can no longer be
    /// accepted; a revoke after this unit accepted is refused in words, naming what to do).
    public func importTransferAnswer(_ file: TransferAnswerFile) throws -> AnswerReceipt {
        try require(.export)
        let own = try heldAuthority()
        guard file.to == UnitAuthority.fingerprint(own.publicKey) else {
            throw StoreError.invalid("This answer was sealed to the unit with authority key \(file.to), not to this one; nothing was read.")
        }
        let answer = try file.open(with: try TransferKey.privateKey(of: own))
        switch answer.kind {
        case .revoked:
            try write { db, keys in
                if try Self.incomingState(answer.transferID, db: db) == .accepted {
                    throw StoreError.invalid("Unit \(answer.unit) revoked this transfer, but this unit had accepted it already: call them; two units now hold the child's records.")
                }
                try answerIncoming(answer.transferID, .revoke, db: db)
                _ = try appendEvent(db, keys: keys, action: .notice,
                                    summary: "transfer from unit \(answer.unit) revoked by the sending unit, with a reason; it can no longer be accepted")
            }
            return AnswerReceipt(kind: .revoked, fromUnit: answer.unit, caseNumber: nil,
                                 words: "Unit \(answer.unit) revoked the transfer. It is recorded; the transfer file can no longer be accepted here.")
        case .accepted, .rejected:
            let children = try read { db, keys in try Self.fetchAll(Child.self, db: db, keys: keys, decoder: RecordCoding.decoder()) }
            guard let child = children.first(where: { $0.transferredOut?.id == answer.transferID }) else {
                throw StoreError.invalid("No child here was sent in the transfer this answer is about; nothing was changed.")
            }
            let command: TransferCommand = answer.kind == .accepted
                ? .accepted(id: answer.transferID, fromAuthority: file.from, at: answer.at, caseNumberThere: answer.caseNumberThere ?? "a new number")
                : .rejected(id: answer.transferID, fromAuthority: file.from, at: answer.at, reason: answer.reason)
            _ = try perform(.transfer(child: child.id, command))
            let words = answer.kind == .accepted
                ? "Unit \(answer.unit) accepted \(child.caseNumber) (\(answer.caseNumberThere ?? "new number") there): the case is closed here and this copy is read-only."
                : "Unit \(answer.unit) rejected the transfer of \(child.caseNumber); their reason is on the child's record. The child is an open case here again."
            return AnswerReceipt(kind: answer.kind, fromUnit: answer.unit, caseNumber: child.caseNumber.description, words: words)
        }
    }

    private func child(_ id: ChildID) throws -> Child {
        guard let found = try read({ db, keys in try Self.fetchRecord(Child.self, id: id.rawValue, db: db, keys: keys) }) else {
            throw StoreError.invalid("That child's record does not open here.")
        }
        return found
    }
}
