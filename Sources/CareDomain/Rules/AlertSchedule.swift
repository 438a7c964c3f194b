import Foundation

/// When the alerts about a child can next be different from what they are now: a threshold
/// crossed ("over 2 h"), a window left (90 days of episodes, 7 days before court), a duration in
/// a message that reads differently ("missing 14h" → "15h"), a snooze running out, a new day.
/// The dashboard re-evaluates a child only at these moments (and when its records change), so a
/// minute's tick over 50,000 children costs what is due, not the whole caseload.
///
/// Every instant returned is strictly after `now`: the first instant past a strict threshold
/// (when the rule's "over" holds) or a countdown's whole unit, and exactly on the boundary of a
/// count-up or a new day, so a re-evaluation at or after it always sees the new state.
public enum AlertSchedule {
    /// The next midnight in `zone` after `now`: when ages, birthdays and review dates move. The
    /// same for every child at one moment, so a caller scheduling many works it out once.
    public static func nextMidnight(after now: Date, zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))
    }

    /// For a child whose own record does not open (`UnreadableChild`): the next minute. Its
    /// alerts are few (the damage, an open missing episode, its referrals and court dates) and
    /// such children rare, so they are re-evaluated at the minute the dashboard's clock keeps
    /// rather than worked out one by one.
    public static func nextChange(ofUnreadable child: ChildID, now: Date) -> Date {
        now.addingTimeInterval(60)
    }

    public static func nextChange(
        of child: ChildSummary, in snapshot: CaseloadSnapshot, referrals: [Referral], appointments: [Appointment],
        now: Date, thresholds t: AlertThresholds, zone: TimeZone, nextMidnight: Date?? = .none
    ) -> Date {
        var candidates: [Date] = []
        /// A strict limit ("over 2 h") holds from the first instant after it, whatever the fraction
        /// of a second the records' times carry.
        func justAfter(_ instant: Date) -> Date { Date(timeIntervalSinceReferenceDate: instant.timeIntervalSinceReferenceDate.nextUp) }
        func after(_ instant: Date) { if instant >= now { candidates.append(justAfter(instant)) } }
        /// A duration counted up from `start` reads differently at its next boundary.
        func counting(from start: Date) {
            let elapsed = now.timeIntervalSince(start)
            // The reading is a floor, so it changes exactly at the boundary (no second added).
            if elapsed >= 0 { candidates.append(now.addingTimeInterval(DurationWords.secondsUntilChange(elapsed))) }
        }

        // A new day: ages, birthdays, review dates.
        if let midnight = nextMidnight ?? Self.nextMidnight(after: now, zone: zone) {
            candidates.append(midnight)
        }
        // A closed case has no alerts but the missing one of a child closed while missing.
        guard child.isOpen || snapshot.openEpisode(of: child.id) != nil else { return candidates.min() ?? now.addingTimeInterval(AlertThresholds.day) }

        let episodes = snapshot.episodes[child.id] ?? []
        if let open = episodes.first(where: \.isOpen) {
            // One alert, its hours from the time last seen; its level rises at each threshold.
            counting(from: open.lastSeenAt)
            after(open.lastSeenAt.addingTimeInterval(t.nextMissingThreshold(after: now.timeIntervalSince(open.lastSeenAt))))
        } else {
            let reference = snapshot.lastContact[child.id] ?? child.openedOn.startOfDay(in: zone) ?? now
            after(reference.addingTimeInterval(t.cadence(for: child.riskLevel)))
            counting(from: reference)
        }
        for episode in episodes {
            after(episode.reportedMissingAt.addingTimeInterval(t.repeatedMissingWindow))
            if let located = episode.located, episode.debrief == nil {
                after(located.at.addingTimeInterval(t.debriefWithin))
                counting(from: located.at)
            }
        }
        for referral in referrals {
            after(referral.statusSince.addingTimeInterval(t.reviewAwaitingFor))
            after(referral.statusSince.addingTimeInterval(t.referralNoResponseAfter))
            counting(from: referral.statusSince)
        }
        for appointment in appointments where appointment.kind == .court {
            after(appointment.at.addingTimeInterval(-t.courtWithin))
            after(appointment.at)
            let ahead = appointment.at.timeIntervalSince(now)
            if ahead > 0 { candidates.append(justAfter(now.addingTimeInterval(DurationWords.secondsUntilChange(countingDown: ahead)))) }
        }
        // A snooze holds while `now < until` (`AlertResponse.answers`): the alert is back at
        // `until` itself, not just after it.
        for response in snapshot.responses where response.child == child.id {
            if let until = response.until, until > now { candidates.append(until) }
        }
        return candidates.min() ?? now.addingTimeInterval(AlertThresholds.day)
    }
}
