import Foundation

/// When a session last wrote the audit head to the machine's anchors: after its own writes it
/// does so at most once a second (the anchors file is rewritten whole), and always at close.
final class HeadMemory: @unchecked Sendable {
    static let interval: TimeInterval = 1

    private let lock = NSLock()
    private var last: Date?
    private var syncs = 0

    /// How many times this session synced the WAL before noting a head (for the tests: the
    /// sync cannot be seen otherwise).
    var walSyncs: Int { lock.withLock { syncs } }

    func noteWALSynced() {
        lock.withLock { syncs += 1 }
    }

    /// Whether a second has passed since the head was last noted; a clock set back counts as
    /// time passed, so it never stops the anchor moving.
    func isDue(now: Date) -> Bool {
        lock.withLock { last.map { abs(now.timeIntervalSince($0)) >= Self.interval } ?? true }
    }

    func noteRemembered(at now: Date) {
        lock.withLock { last = now }
    }
}
