import CareDomain
import Foundation
import GRDB

/// A unit's case records in one SQLite file, each payload sealed with AES-GCM under the key of
/// its visibility class, every change audited in the same transaction on a keyed hash chain.
///
/// An instance is one signed-in session: it acts as `worker`, applies every command through
/// `CommandRules` inside one transaction with its audit event, and holds the class keys its role
/// may read until `lock()` or `close()`. Open one with `SQLiteCaseStore.open(options:account:passphrase:)`,
/// check a store with `StoreInspection`, or create one with `StoreAdmin.create(options:unit:admin:timeZone:)`.
public final class SQLiteCaseStore: CaseStore, CaseArchive {
    /// Who is signed in (their `Worker` record as it was at login).
    public let worker: Worker
    /// The unit code and time zone, from `meta`.
    public let unitInfo: UnitInfo
    public let location: StoreLocation
    /// Things the person should be told in words on opening: a read-only store, a folder other
    /// accounts can read, a store behind what this machine has seen, keys still to come.
    public let notices: [String]
    /// Why the store is read-only, when it is (then nothing is written: no view can be audited,
    /// so no record is opened).
    public let readOnlyReason: String?

    let options: StoreOptions
    let dbQueue: DatabaseQueue
    let session: SessionState
    /// How long this session's calls wait for another process's write lock.
    let lockWaits: LockWaitPolicy
    /// The caseload's summaries read while the key was derived, for the first load.
    let prefetch: CaseloadPrefetch?

    init(
        options: StoreOptions, dbQueue: DatabaseQueue, unit: UnitInfo, worker: Worker, keys: SessionKeys, notices: [String] = [],
        readOnlyReason: String? = nil, lockWaits: LockWaitPolicy = LockWaitPolicy(), prefetch: CaseloadPrefetch? = nil
    ) {
        self.prefetch = prefetch
        self.lockWaits = lockWaits
        self.options = options
        self.location = options.location
        self.dbQueue = dbQueue
        self.checkpointer = WALCheckpointer(location: options.location, limitBytes: options.checkpointAfterBytes)
        self.unitInfo = unit
        self.worker = worker
        self.notices = notices
        self.readOnlyReason = readOnlyReason
        self.session = SessionState(keys)
    }

    /// When this session last noted the head in the machine's anchors (after its own writes, at
    /// most once a second).
    let headMemory = HeadMemory()
    /// Checkpoints the WAL off the writer's thread (`WALCheckpointer`).
    let checkpointer: WALCheckpointer
    /// Where the head is noted: one at a time, in order, so a later head is never overwritten by
    /// an earlier one; after a write, off the writer's thread, so neither a save nor a look waits
    /// for the anchor's file and the sync it makes first (`Durability`).
    let anchorQueue = DispatchQueue(label: "care.anchor")

    /// Waits until every head noted off the caller's thread has been written.
    func waitForAnchor() { anchorQueue.sync {} }

    /// The unit code this store belongs to (e.g. `KEN`).
    public var unit: String { unitInfo.code }
    public var isReadOnly: Bool { readOnlyReason != nil }
    var role: Role { worker.role }
    var clock: any WallClock { options.clock }

    /// Signs `account` in: unwraps the account's private key with the passphrase, opens the class
    /// keys granted to it, checks the audit trail's tail against its keyed head, and only then
    /// writes anything: the first sign-in after an upgrade converts the store, the account's
    /// pending key grants are made, and a `login` event closes the sign-in.
    ///
    /// A wrong passphrase cannot be written to the keyed audit chain (there is no key without
    /// the passphrase), so it is noted in the clear `failed_logins` table — time and account
    /// name only, never what was typed — and folded into the chain as `loginFailed` events at
    /// the next successful login. A name that matches no account is noted without the name, in
    /// case a passphrase was typed into the name field. After wrong passphrases the account
    /// waits `SignInDelay` before the next try, whichever process makes it.
    ///
    /// A store whose file or folder is not writable opens read-only (`readOnlyReason`): the
    /// caseload can be read; records cannot be opened, because their view cannot be audited.
    public static func open(options: StoreOptions, account: String, passphrase: String) throws -> SQLiteCaseStore {
        try open(options: options, account: account, passphrase: passphrase, mode: .session)
    }

    static func open(options: StoreOptions, account: String, passphrase: String, mode: SignIn.Mode) throws -> SQLiteCaseStore {
        let location = options.location
        guard location.exists else { throw StoreError.notFound(path: location.path) }
        try location.requireLocalFilesystem(using: options.filesystemProbe)
        let access = StoreAccess(location)
        let lockWaits = LockWaitPolicy()
        let queue = try StoreDatabase.open(location, readOnly: access.readOnlyReason != nil, lockWaits: lockWaits)
        try StoreDatabase.requireStore(queue, readOnlyReason: access.readOnlyReason)
        // On the other core while this one derives the passphrase's key.
        let prefetch = options.readsCaseloadAhead && mode == .session ? CaseloadPrefetch.start(location, account: account) : nil
        let unlock = try unlockAccount(queue, options: options, account: account, passphrase: passphrase, mayRecord: access.readOnlyReason == nil)
        let effectiveMode: SignIn.Mode = access.readOnlyReason == nil ? mode : .readOnly
        let unit = try StoreDatabase.mapErrors(at: location) { try queue.read(StoreDatabase.unitInfo) }
        let signedIn: SignIn.Result = try StoreDatabase.mapErrors(at: location) {
            if effectiveMode == .readOnly {
                return try queue.read { db in
                    var signIn = SignIn(db: db, unlock: unlock, options: options, now: options.clock.now(), mode: .readOnly)
                    return try signIn.run()
                }
            }
            return try queue.writeWithoutTransaction { db in
                var result: SignIn.Result?
                try db.inTransaction(.immediate) {
                    var signIn = SignIn(db: db, unlock: unlock, options: options, now: options.clock.now(), mode: effectiveMode)
                    result = try signIn.run()
                    return .commit
                }
                return result!
            }
        }
        var notices = access.notices
        if let reason = access.readOnlyReason { notices.insert(StoreAccess.readOnlyNotice(reason), at: 0) }
        notices += signedIn.notices
        let store = SQLiteCaseStore(
            options: options, dbQueue: queue, unit: unit, worker: signedIn.worker, keys: signedIn.keys, notices: notices,
            readOnlyReason: access.readOnlyReason, lockWaits: lockWaits, prefetch: prefetch)
        store.rememberHead()
        return store
    }

    /// Writes a `lock` audit event and drops the keys. Every later call throws
    /// `StoreError.locked` until `unlock(passphrase:)`. Forgets which records this session
    /// viewed and previewed, so after unlocking each is audited again before it is shown.
    public func lock() {
        guard let keys = try? session.keys() else { return }
        if !isReadOnly {
            _ = try? write(keys: keys) { db, keys in
                try appendEvent(db, keys: keys, action: .lock, summary: "locked the session")
            }
        }
        rememberHead()
        session.set(.locked)
    }

    /// Unlocks a locked session with the signed-in worker's passphrase: checks the trail's tail
    /// again, makes any key grants now due and writes an `unlock` event. A wrong passphrase
    /// throws `.wrongPassphrase` and is noted as a failed login.
    public func unlock(passphrase: String) throws {
        guard !session.isClosed else { throw StoreError.closed }
        let unlock = try Self.unlockAccount(
            dbQueue, options: options, account: worker.accountName, passphrase: passphrase, mayRecord: !isReadOnly)
        let signedIn: SignIn.Result = try givenUpInWords { try StoreDatabase.mapErrors(at: location) {
            if isReadOnly {
                return try dbQueue.read { db in
                    var signIn = SignIn(db: db, unlock: unlock, options: options, now: clock.now(), mode: .readOnly)
                    return try signIn.run()
                }
            }
            return try dbQueue.writeWithoutTransaction { db in
                var result: SignIn.Result?
                try db.inTransaction(.immediate) {
                    var signIn = SignIn(db: db, unlock: unlock, options: options, now: clock.now(), mode: .unlock)
                    result = try signIn.run()
                    return .commit
                }
                return result!
            }
        } }
        session.set(.unlocked(signedIn.keys))
    }

    /// True while the session holds its keys.
    public var isUnlocked: Bool { (try? session.keys()) != nil }

    /// Remembers the trail's head on this machine (`StoreOptions.anchors`) and closes the SQLite
    /// connection (checkpointing the WAL). Later calls throw `StoreError.closed`.
    public func close() throws {
        // This session's last looks are made durable even where no anchors are kept.
        if !isReadOnly { _ = syncWriteAheadLog() }
        rememberHead()
        checkpointer.close()
        session.set(.closed)
        try StoreDatabase.mapErrors(at: location) { try dbQueue.close() }
    }

    /// The head of the audit trail, for an outside record (`care audit --head`). Supervisors.
    public func auditHead() throws -> AuditHeadSummary {
        try require(.readAudit)
        return try read { db, keys in try AuditLog(keys: keys).verifiedTail(db).summary(storeID: keys.storeID) }
    }

    /// Notes the current head in this machine's anchors, so a store later found behind it (a
    /// restored older copy, a cut trail with a replayed head) is named. Anchors move forward
    /// only: a head whose trail does not hold the one this machine saw (behind it, or another
    /// trail) leaves the anchor where it is, so the store is named again at every opening and
    /// check until a supervisor accepts it (`acceptRestore`). Not from a read-only store (it may
    /// be an old copy looked at on purpose), nor a trail that does not reach its head. Best
    /// effort: a machine that cannot write its state folder still works.
    func rememberHead(accepting: Bool = false) {
        anchorQueue.sync { noteHead(accepting: accepting) }
    }

    /// `rememberHead` with the note made later, off the caller's thread.
    func rememberHeadSoon() {
        // Noted as due no more at once, so a burst of saves queues one note, not one each.
        headMemory.noteRemembered(at: clock.now())
        anchorQueue.async { self.noteHead(accepting: false) }
    }

    /// On `anchorQueue` only. The head read may be a look committed `.untilNextSync`, this
    /// session's or another's: the WAL is synced after the head is read and before it is noted,
    /// so the anchor never names a head a power cut could undo.
    private func noteHead(accepting: Bool) {
        guard !isReadOnly, let anchors = options.anchors, let keys = try? session.keys(),
              let (head, forward) = try? dbQueue.read({ db -> (AuditHead, Bool) in
                  let head = try AuditLog(keys: keys).verifiedTail(db)
                  return (head, try SignIn.anchorNotice(db: db, keys: keys, anchors: anchors, path: options.path) == nil)
              }),
              forward || accepting, syncWriteAheadLog()
        else { return }
        headMemory.noteRemembered(at: clock.now())
        try? anchors.remember(storeID: keys.storeID, path: options.path, StoreAnchor(sequence: head.sequence, hash: head.hash))
        if let authority = try? dbQueue.read(Certificates.authorityKey) {
            try? anchors.rememberAuthority(storeID: keys.storeID, authority)
        }
    }

    /// Makes what the WAL holds durable (`fdatasync` of the `-wal` file: SQLite's commits were
    /// written to it, and a sync of the file covers them whichever process wrote them). True
    /// when synced, or when there is no WAL to sync.
    func syncWriteAheadLog() -> Bool {
        let descriptor = Glibc.open(location.walPath, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT }
        defer { _ = Glibc.close(descriptor) }
        guard fdatasync(descriptor) == 0 else { return false }
        headMemory.noteWALSynced()
        return true
    }

    /// The unit authority's public key as people compare it (hex in groups of four), or nil
    /// while the store's accounts are not yet certified. `care init` prints it.
    public func authorityFingerprint() throws -> String? {
        try read { db, _ in try Certificates.authorityKey(db).map(UnitAuthority.fingerprint) }
    }
}
