import Foundation

/// Whether the person at the terminal can still be reached, for a session on a shared host
/// reached over a link that can go silent (a satellite link drops; ssh may not notice for an
/// hour, and the session would sit there with a child's record on it).
///
/// After `probeAfter` without anything from the terminal, it is asked where its cursor is
/// (`TerminalQuery.cursorPosition`, 4 bytes; every terminal answers, and so do tmux, screen
/// and mosh on the host, which keep a session through an outage). Anything from the terminal —
/// a key, a paste, a resize, an answer — shows the link is there. A query left unanswered for
/// `silenceLimit` means it is gone (`silentSince`). Only a terminal that has answered a query
/// before is judged so: one that never answers says nothing by its silence.
public struct LinkWatch: Sendable, Equatable {
    /// How long a query may go unanswered before the link counts as gone; nil: never.
    public var silenceLimit: TimeInterval?
    /// How long the terminal may be quiet before it is asked.
    public static let probeAfter: TimeInterval = 60

    public private(set) var lastHeard: Date
    /// When the query still unanswered was sent.
    public private(set) var askedAt: Date?
    /// Whether the terminal has answered a query this session.
    public private(set) var answers = false

    public init(silenceLimit: TimeInterval?, now: Date) {
        self.silenceLimit = silenceLimit
        lastHeard = now
    }

    /// Something came from the terminal. (`.interrupt` is a signal on this host, not the
    /// terminal.)
    public mutating func heard(_ event: InputEvent, at now: Date) {
        if event == .interrupt { return }
        lastHeard = now
        askedAt = nil
        if case .reply = event { answers = true }
    }

    /// Whether to ask the terminal now; a yes counts the query as sent.
    public mutating func shouldAsk(at now: Date) -> Bool {
        guard silenceLimit != nil, askedAt == nil, now.timeIntervalSince(lastHeard) >= Self.probeAfter else { return false }
        askedAt = now
        return true
    }

    /// Asks at once, whatever the quiet (the first query of a session, to learn that the
    /// terminal answers). Returns whether to send it.
    public mutating func askNow(at now: Date) -> Bool {
        guard silenceLimit != nil, askedAt == nil else { return false }
        askedAt = now
        return true
    }

    /// The moment the link counted as gone, once a query has gone unanswered for the limit.
    public func silentSince(at now: Date) -> Date? {
        guard let silenceLimit, answers, let askedAt else { return nil }
        let since = askedAt.addingTimeInterval(silenceLimit)
        return now >= since ? since : nil
    }

    /// When this watch next has something to do, for the loop's wait: the next query, the
    /// silence limit, or `afterSilence` past it (the session ends then). Nil: nothing, ever,
    /// without input.
    public func nextDue(at now: Date, afterSilence: TimeInterval) -> Date? {
        guard let silenceLimit else { return nil }
        guard let askedAt else { return lastHeard.addingTimeInterval(Self.probeAfter) }
        guard answers else { return nil }
        let since = askedAt.addingTimeInterval(silenceLimit)
        return now < since ? since : since.addingTimeInterval(afterSilence)
    }
}
