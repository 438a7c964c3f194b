import CareDomain
import Foundation

/// What a store that announces changes (`ChangeAnnouncing`) said since the loop last looked:
/// the highest change cursor heard. Written on the store's thread, read by the loop at its
/// next turn (which the terminal's `TerminalWake` brings on at once). That announcements
/// stopped is not kept here: the loop asks the store each turn (`announcesChanges`).
final class ChangeBell: @unchecked Sendable {
    private let lock = NSLock()
    private var heard: Int64?

    func ring(_ cursor: Int64?) {
        guard let cursor else { return }
        lock.withLock { heard = max(heard ?? cursor, cursor) }
    }

    /// The highest cursor heard since the last look, forgotten.
    func take() -> Int64? {
        lock.withLock {
            defer { heard = nil }
            return heard
        }
    }
}

extension AppState {
    /// How long the change feed may go unread: `AppSettings.announcedPollInterval` while the
    /// store announces changes and the loop can be woken for them, else `pollInterval`.
    var pollInterval: TimeInterval {
        changesAnnounced ? settings.announcedPollInterval : settings.pollInterval
    }

    /// A change past this state's cursor was announced: the feed is read at this turn's tick
    /// (or, while locked, at the first tick after unlocking), whatever the clock says.
    mutating func changeAnnounced(_ cursor: Int64) {
        guard cursor > changeCursor else { return }
        lastPoll = .distantPast
    }
}
