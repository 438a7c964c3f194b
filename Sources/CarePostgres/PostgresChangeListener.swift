import CareCore
import Foundation
import PostgresNIO

/// Hears other sessions' changes as they commit (`LISTEN`; each writer's transaction ends with
/// `pg_notify` of the new change cursor), so a session can wait for another's save without
/// asking the server (`wait(after:until:)`). `changeCursor()` still asks the server, which is
/// exact: a notification may arrive after the commit it announces has returned to its writer.
/// `latest()` is what was heard, trusted for `freshFor` seconds after the server last spoke.
final class PostgresChangeListener: @unchecked Sendable {
    static let freshFor: TimeInterval = 30

    private let condition = NSCondition()
    private var connection: PostgresConnection?
    private var known: Int64?
    private var heardAt = Date.distantPast
    private var listening = false
    /// Told of every notification, and of the end of listening (nil) (`ChangeAnnouncing`).
    private var announce: (@Sendable (Int64?) -> Void)?

    init(address: PostgresAddress) {
        do {
            let connection = try PostgresLink.connect(address)
            connection.addListener(channel: address.channel) { [weak self] _, notification in
                self?.announced(Int64(notification.payload))
            }
            _ = try connection.query(PostgresQuery(unsafeSQL: "LISTEN \(PostgresLink.quoted(address.channel))"), logger: PostgresLink.silent).wait()
            connection.closeFuture.whenComplete { [weak self] _ in self?.lost() }
            self.connection = connection
            listening = true
        } catch {
            // Without a listener every `changeCursor` asks the server: slower, never wrong.
            listening = false
        }
    }

    private func heard(_ cursor: Int64?) {
        condition.lock()
        if let cursor { known = max(known ?? 0, cursor) }
        heardAt = Date()
        condition.broadcast()
        condition.unlock()
    }

    /// A notification: what it says is known, and whoever asked to be told is told.
    private func announced(_ cursor: Int64?) {
        heard(cursor)
        condition.lock()
        let announce = self.announce
        condition.unlock()
        if let cursor { announce?(cursor) }
    }

    private func lost() {
        condition.lock()
        let wasListening = listening
        listening = false
        let announce = self.announce
        condition.broadcast()
        condition.unlock()
        if wasListening { announce?(nil) }
    }

    /// Tells `heard` of each notification from now on, and of the end of listening (nil).
    func tell(_ heard: (@Sendable (Int64?) -> Void)?) {
        condition.lock()
        announce = heard
        condition.unlock()
    }

    /// Whether notifications are arriving (the connection that hears them is open).
    var isListening: Bool {
        condition.lock()
        defer { condition.unlock() }
        return listening
    }

    /// The cursor last heard, while it can be trusted; nil when the server must be asked.
    func latest() -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        guard listening, let known, Date().timeIntervalSince(heardAt) < Self.freshFor else { return nil }
        return known
    }

    /// What the server said when asked.
    func notepolled(_ cursor: Int64) {
        heard(cursor)
    }

    /// Waits for a cursor past `cursor` to be heard, or `deadline`.
    func wait(after cursor: Int64, until deadline: Date) -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        while listening, (known ?? 0) <= cursor {
            if !condition.wait(until: deadline) { break }
        }
        guard let known, known > cursor else { return nil }
        return known
    }

    func stop() {
        condition.lock()
        let connection = self.connection
        self.connection = nil
        listening = false
        announce = nil
        condition.broadcast()
        condition.unlock()
        try? connection?.close().wait()
    }
}
