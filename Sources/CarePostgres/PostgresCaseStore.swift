import CareCore
import CareDomain
import Crypto
import Foundation

/// A unit's store on a shared PostgreSQL server, behind the same port as the SQLite store.
///
/// The server holds what the SQLite file holds, in the same tables: sealed payloads and clear
/// opaque columns (ids, versions, times, classes, keyed tags). Keys never reach it: the worker's
/// passphrase unlocks their private key here, which opens the class keys granted to them, and
/// every seal and the audit chain are made and checked here with the same code
/// (`CareCore`) as the SQLite store's. A row copied from one backend to the other opens in both.
///
/// One instance is one signed-in session with a connection of its own; a second connection
/// listens for other sessions' changes (`PostgresChangeListener`).
public final class PostgresCaseStore: CaseStore, CaseArchive, ChangeAnnouncing, @unchecked Sendable {
    public let address: PostgresAddress
    public let worker: Worker
    public let unitInfo: UnitInfo
    /// What the sign-in had to say (a key not yet granted, say), for the dashboard to show.
    public let notices: [String]
    let link: PostgresLink
    let session: SessionState
    let clock: any WallClock
    let kdfCost: KDFCost
    let listener: PostgresChangeListener?

    init(address: PostgresAddress, link: PostgresLink, worker: Worker, unit: UnitInfo, keys: SessionKeys, notices: [String],
         clock: any WallClock, kdfCost: KDFCost, listen: Bool) {
        self.address = address
        self.link = link
        self.worker = worker
        unitInfo = unit
        self.notices = notices
        session = SessionState(keys)
        self.clock = clock
        self.kdfCost = kdfCost
        listener = listen ? PostgresChangeListener(address: address) : nil
    }

    deinit { close() }

    /// Drops the keys and the connections.
    public func close() {
        session.set(.closed)
        listener?.stop()
        link.close()
    }

    var role: Role { worker.role }

    // MARK: Transactions

    /// A read with the session's keys (refused while locked), in one transaction.
    func read<T>(_ body: (PostgresLink.Transaction, SessionKeys) throws -> T) throws -> T {
        let keys = try session.keys()
        return try link.transaction(writer: false) { try body($0, keys) }
    }

    /// A write with the session's keys: one writer at a time (the head row's lock), the audit
    /// tail checked first, other sessions told at commit.
    @discardableResult
    func write<T>(_ body: (PostgresLink.Transaction, SessionKeys) throws -> T) throws -> T {
        let keys = try session.keys()
        return try link.transaction(writer: true) { transaction in
            let result = try body(transaction, keys)
            try Self.announce(transaction, address: address)
            return result
        }
    }

    /// `NOTIFY` with the change cursor: delivered to listeners when the transaction commits,
    /// never before (and not at all when it rolls back).
    static func announce(_ transaction: PostgresLink.Transaction, address: PostgresAddress) throws {
        let cursor = try changeCounter(transaction)
        try transaction.query("SELECT pg_notify($1, $2)", [.text(address.channel), .text(String(cursor))])
    }

    // MARK: The session

    public func lock() {
        guard let keys = try? session.keys() else { return }
        _ = try? link.transaction(writer: true) { transaction in
            try Self.appendEvent(transaction, keys: keys, AuditLinking.Pending(
                action: .lock, actor: worker.id.rawValue, at: clock.now(), summary: "locked the session"))
        }
        session.set(.locked)
    }

    public func unlock(passphrase: String) throws {
        guard !session.isClosed else { throw StoreError.closed }
        let signedIn = try Self.signIn(
            link: link, address: address, account: worker.accountName, passphrase: passphrase, clock: clock, mode: .unlock)
        session.set(.unlocked(signedIn.keys))
    }

    public func verifyPassphrase(_ passphrase: String, purpose: String) throws {
        let keys = try session.keys()
        let unlock = try Self.unlockAccount(link: link, account: worker.accountName, passphrase: passphrase, clock: clock)
        guard unlock.accountID == worker.id.rawValue else { throw StoreError.wrongPassphrase(account: worker.accountName) }
        try link.transaction(writer: true) { transaction in
            try Self.appendEvent(transaction, keys: keys, AuditLinking.Pending(
                action: .unlock, actor: worker.id.rawValue, at: clock.now(), summary: "passphrase given to \(purpose)"))
        }
    }

    public func recordExport(_ summary: String) throws {
        do { try Permission.export.require(role) } catch { throw CommandError.denied(error) }
        try write { transaction, keys in
            try appendEvent(transaction, keys: keys, action: .export, summary: summary)
        }
    }

    /// Appends an event by this session's worker.
    @discardableResult
    func appendEvent(
        _ transaction: PostgresLink.Transaction, keys: SessionKeys, action: AuditAction, targetKind: RecordKind? = nil,
        targetID: String? = nil, child: ChildID? = nil, summary: String, rows: [RecordRow] = []
    ) throws -> AuditEvent {
        try Self.appendEvent(transaction, keys: keys, AuditLinking.Pending(
            action: action, actor: worker.id.rawValue, at: clock.now(), targetKind: targetKind, targetID: targetID, child: child,
            summary: summary, rows: rows))
    }
}
