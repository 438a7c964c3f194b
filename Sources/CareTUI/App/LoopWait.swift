import Foundation

extension AppState {
    /// The next moment a tick has something to do without a key: the minute hand (durations and
    /// time-based alerts, the shift's handover), and while unlocked the idle lock (the wall's
    /// masking), the change feed's poll and the preview of a child the selection rests on.
    ///
    /// Only what `Update.tick` acts on belongs here: a time that stays due after its tick would
    /// make the loop wake at once, again and again (a locked screen did, on the preview of the
    /// child selected when it locked).
    func nextTick(after now: Date) -> Date {
        var due = Date(timeIntervalSince1970: TimeInterval(lastMinute + 1) * 60)
        func consider(_ date: Date?) {
            if let date, date < due { due = date }
        }
        guard lock == nil else { return due }
        if !wall || !dashboard.masked { consider(lastInput.addingTimeInterval(settings.idleLimit)) }
        consider(lastPoll.addingTimeInterval(pollInterval))
        if !wall { consider(preview.due()) }
        return due
    }
}
