import Crypto
import Foundation

/// The keys a signed-in session holds: the data key, the sealer over it and the audit chain key.
struct SessionKeys: Sendable {
    let dataKey: SymmetricKey
    let sealer: Sealer
    let chain: AuditChain

    init(dataKey: SymmetricKey) {
        self.dataKey = dataKey
        sealer = Sealer(key: dataKey)
        chain = AuditChain(dataKey: dataKey)
    }
}

/// Whether the session can use the keys. Locking drops them: `SymmetricKey` keeps its bytes in
/// swift-crypto's `SecureBytes`, which zeroes its memory when the last reference goes, so the
/// store keeps exactly one reference and releases it here.
final class SessionState: @unchecked Sendable {
    enum State {
        case unlocked(SessionKeys)
        case locked
        case closed
    }

    private let lock = NSLock()
    private var state: State
    /// Children this session opened with `loadDetail` since it was last unlocked: only those
    /// may be read again without a second `view` event.
    private var viewed: Set<String> = []

    init(_ keys: SessionKeys) { state = .unlocked(keys) }

    func noteViewed(_ child: String) {
        lock.lock()
        defer { lock.unlock() }
        viewed.insert(child)
    }

    func hasViewed(_ child: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return viewed.contains(child)
    }

    /// The keys, or `StoreError.locked` / `.closed`.
    func keys() throws -> SessionKeys {
        lock.lock()
        defer { lock.unlock() }
        switch state {
        case .unlocked(let keys): return keys
        case .locked: throw StoreError.locked
        case .closed: throw StoreError.closed
        }
    }

    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        if case .closed = state { return true }
        return false
    }

    func set(_ newState: State) {
        lock.lock()
        defer { lock.unlock() }
        if case .closed = state { return }
        state = newState
        if case .unlocked = newState { return }
        viewed = []
    }
}
