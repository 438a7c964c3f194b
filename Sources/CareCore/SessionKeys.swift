import CareDomain
import Crypto
import Foundation

/// The keys a signed-in session holds: its account's private key, the class keys its role may
/// read, and what is derived from them (the sealer, the audit chain and index keys).
package struct SessionKeys: Sendable {
    package let keyring: Keyring
    package let privateKey: AccountKeys.PrivateKey?
    package let sealer: RecordSealer
    package let chain: AuditChain
    package let index: AuditIndex
    /// The unit's authority, held by a supervisor's session in a certified store: it certifies
    /// accounts (`Certificates`).
    package let authority: UnitAuthority?
    /// The key check of each class key held (`Keyring.keyCheck`), to notice a key rotated by a
    /// supervisor while this session was open (`SQLiteCaseStore.requireCurrentKeys`).
    package let keyChecks: [VisibilityClass: Data]
    /// The audit keys of the team keys the trail was chained under before the present one,
    /// oldest first (`Keyring.pastTeams`): they verify and open the events of their epoch.
    package let pastTrail: [TrailKeys]

    /// The audit keys of one team key: its chain, its tags and its events' seal.
    package struct TrailKeys: Sendable {
        package let firstEvent: Int64
        package let chain: AuditChain
        package let index: AuditIndex
        package let sealer: RecordSealer

        init(keyring: Keyring, firstEvent: Int64) {
            self.firstEvent = firstEvent
            chain = AuditChain(keyring: keyring)
            index = AuditIndex(keyring: keyring)
            sealer = RecordSealer(keyring: keyring)
        }
    }

    package init(keyring: Keyring, privateKey: AccountKeys.PrivateKey?, authority: UnitAuthority? = nil) {
        self.keyring = keyring
        self.privateKey = privateKey
        self.authority = authority
        sealer = RecordSealer(keyring: keyring)
        chain = AuditChain(keyring: keyring)
        index = AuditIndex(keyring: keyring)
        pastTrail = keyring.pastTeams.map { TrailKeys(keyring: keyring.pastTeamKeyring($0), firstEvent: $0.firstEvent) }
        var checks: [VisibilityClass: Data] = [:]
        for visibility in keyring.classes {
            checks[visibility] = Keyring.keyCheck(keyring.key(for: visibility)!, storeID: keyring.storeID, visibility: visibility)
        }
        keyChecks = checks
    }

    package var storeID: String { keyring.storeID }

    /// The audit keys that chained event `sequence`: the present team key's from
    /// `keyring.teamFirstEvent` on, a past one's before; nil when the store no longer holds the
    /// key of that part of the trail.
    package func trail(forEvent sequence: Int64) -> TrailKeys? {
        if sequence >= keyring.teamFirstEvent { return present }
        return pastTrail.last { $0.firstEvent <= sequence }
    }

    /// The present team key's audit keys.
    package var present: TrailKeys { TrailKeys(chain: chain, index: index, sealer: sealer, firstEvent: keyring.teamFirstEvent) }

    /// The tag keys of every team key the trail was chained under, present first: a child's or
    /// a worker's events are found under each.
    package var allIndexes: [AuditIndex] { [index] + pastTrail.reversed().map(\.index) }
}

extension SessionKeys.TrailKeys {
    init(chain: AuditChain, index: AuditIndex, sealer: RecordSealer, firstEvent: Int64) {
        self.firstEvent = firstEvent
        self.chain = chain
        self.index = index
        self.sealer = sealer
    }
}

/// Whether the session can use the keys. Locking drops them: `SymmetricKey` keeps its bytes in
/// swift-crypto's `SecureBytes`, which zeroes its memory when the last reference goes, so the
/// store keeps exactly one reference and releases it here.
package final class SessionState: @unchecked Sendable {
    package enum State {
        case unlocked(SessionKeys)
        case locked
        case closed
    }

    private let lock = NSLock()
    private var state: State
    /// Children this session opened with `loadDetail` since it was last unlocked: only those
    /// may be read again without a second `view` event.
    private var viewed: Set<String> = []
    /// Children whose details this session was shown (previewed or viewed) since it was unlocked.
    private var previewed: Set<String> = []

    package init(_ keys: SessionKeys) { state = .unlocked(keys) }

    package func noteViewed(_ child: String) {
        lock.lock()
        defer { lock.unlock() }
        viewed.insert(child)
        previewed.insert(child)
    }

    package func hasViewed(_ child: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return viewed.contains(child)
    }

    package func hasPreviewed(_ child: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return previewed.contains(child)
    }

    package func notePreviewed(_ child: String) {
        lock.lock()
        defer { lock.unlock() }
        previewed.insert(child)
    }

    /// The keys, or `StoreError.locked` / `.closed`.
    package func keys() throws -> SessionKeys {
        lock.lock()
        defer { lock.unlock() }
        switch state {
        case .unlocked(let keys): return keys
        case .locked: throw StoreError.locked
        case .closed: throw StoreError.closed
        }
    }

    package var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        if case .closed = state { return true }
        return false
    }

    package func set(_ newState: State) {
        lock.lock()
        defer { lock.unlock() }
        if case .closed = state { return }
        state = newState
        if case .unlocked = newState { return }
        viewed = []
        previewed = []
    }
}
