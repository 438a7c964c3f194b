import Foundation

/// The facts of a handover card, computed from the records at a time rather than written: where
/// the child is, how long missing, the police report, the last contact, the risk. A saved card
/// keeps what its author wrote; these are worked out again every time it is shown or printed,
/// and say when they were true ("as of 19:02").
public enum HandoverFacts {
    /// The facts line of `child` at `now`, without its time.
    public static func line(of child: ChildID, snapshot: CaseloadSnapshot, now: Date, zone: TimeZone) -> String {
        var parts: [String] = []
        let summary = snapshot.children.first { $0.id == child }
        if let episode = snapshot.openEpisode(of: child) {
            parts.append("missing \(DurationWords.short(now.timeIntervalSince(episode.lastSeenAt))) (last seen \(TimeText.clock(episode.lastSeenAt, zone: zone))"
                         + (episode.lastSeenPlace.isEmpty ? ")" : ", \(episode.lastSeenPlace))"))
            parts.append(episode.policeReport.map { "police occurrence \($0.occurrenceNumber.isEmpty ? "recorded" : $0.occurrenceNumber)" }
                         ?? "no police report recorded")
            parts.append(episode.placementContacted.map { "placement contacted \(TimeText.clock($0.at, zone: zone))" } ?? "no contact with placement")
        } else if let summary, case .located(let place, _) = snapshot.whereabouts(of: summary) {
            parts.append("at \(place)")
        } else if summary != nil {
            parts.append("whereabouts not recorded")
        }
        if let last = snapshot.lastContact[child] {
            let restricted = snapshot.restrictedLastContact.contains(child) ? " (restricted note)" : ""
            parts.append("last contact \(DurationWords.short(now.timeIntervalSince(last))) ago\(restricted)")
        } else if summary != nil {
            parts.append("no contact recorded")
        }
        if let summary { parts.append("\(summary.riskLevel.rawValue) risk") }
        return parts.joined(separator: " · ")
    }

    /// What changed about `child` after `written` (when the card was saved): each said as
    /// "located 18:40, after this card was written". Empty when the card was never saved.
    public static func sinceWritten(_ child: ChildID, written: Date?, snapshot: CaseloadSnapshot, now: Date, zone: TimeZone) -> [String] {
        guard let written else { return [] }
        var changes: [(Date, String)] = []
        for episode in snapshot.episodes[child] ?? [] {
            if episode.reportedMissingAt > written { changes.append((episode.reportedMissingAt, "reported missing \(TimeText.clock(episode.reportedMissingAt, zone: zone))")) }
            if let report = episode.policeReport, report.reportedAt > written {
                changes.append((report.reportedAt, "police report recorded \(TimeText.clock(report.reportedAt, zone: zone))"))
            }
            if let contact = episode.placementContacted, contact.at > written {
                changes.append((contact.at, "placement contacted \(TimeText.clock(contact.at, zone: zone))"))
            }
            if let located = episode.located, located.at > written { changes.append((located.at, "located \(TimeText.clock(located.at, zone: zone))")) }
        }
        for change in snapshot.children.first(where: { $0.id == child })?.profileChanges ?? [] where change.at > written {
            changes.append((change.at, change.words(zone: zone)))
        }
        if let last = snapshot.lastContact[child], last > written {
            changes.append((last, "contact \(TimeText.clock(last, zone: zone))"))
        }
        return changes.sorted { $0.0 < $1.0 }.map { "\($0.1), after this card was written" }
    }

    /// What happened to `child` in the shift, in words: a new case, a missing episode's steps
    /// ("missing 15:30 → located 16:55 → debriefed 17:00"), the profile's changes ("legal name
    /// changed 16:20", from the record's own history, never the audit trail), flags set,
    /// contacts logged, each referral decision ("referral approved").
    public static func changes(
        of child: ChildID, window: ShiftWindow, snapshot: CaseloadSnapshot, contacts: [ContactStamp], zone: TimeZone
    ) -> [String] {
        var lines: [String] = []
        if let opened = snapshot.children.first(where: { $0.id == child })?.openedOn, HandoverBuilder.opensIn(window, day: opened) {
            lines.append("case opened")
        }
        for episode in (snapshot.episodes[child] ?? []).sorted(by: { $0.reportedMissingAt < $1.reportedMissingAt }) {
            var steps: [(Date, String)] = [(episode.lastSeenAt, "missing \(TimeText.clock(episode.lastSeenAt, zone: zone))")]
            if let report = episode.policeReport { steps.append((report.reportedAt, "police told \(TimeText.clock(report.reportedAt, zone: zone))")) }
            if let contact = episode.placementContacted { steps.append((contact.at, "placement contacted \(TimeText.clock(contact.at, zone: zone))")) }
            if let located = episode.located { steps.append((located.at, "located \(TimeText.clock(located.at, zone: zone))")) }
            if let debrief = episode.debrief { steps.append((debrief.on, "debriefed \(TimeText.clock(debrief.on, zone: zone))")) }
            let inShift = steps.contains { window.contains($0.0) } || window.contains(episode.reportedMissingAt)
            guard inShift else { continue }
            lines.append(steps.map(\.1).joined(separator: " → "))
        }
        // The profile's own history (`Child.profileChanges`): which fields, not their values.
        let summary = snapshot.children.first { $0.id == child }
        for change in summary?.profileChanges ?? [] where window.contains(change.at) {
            lines.append(change.words(zone: zone))
        }
        for flag in summary?.activeFlags ?? [] where window.contains(flag.setAt) {
            lines.append("flag set \(TimeText.clock(flag.setAt, zone: zone))")
        }
        let logged = contacts.filter { $0.child == child && window.contains($0.at) }.count
        if logged > 0 { lines.append("\(logged) contact\(logged == 1 ? "" : "s") logged") }
        for referral in snapshot.referrals where referral.child == child {
            if window.contains(referral.createdAt) { lines.append("referral drafted") }
            for step in referral.timeline where window.contains(step.at) && step.from != step.to {
                lines.append("referral \(decision(step.to))")
            }
        }
        return lines
    }

    static func decision(_ status: Referral.Status) -> String {
        switch status {
        case .draft: "returned to draft"
        case .awaitingReview: "sent for review"
        case .readyToSend: "approved"
        case .sent: "sent"
        case .waitlisted: "waitlisted"
        case .accepted: "accepted"
        case .active: "started"
        case .completed: "completed"
        case .declined: "declined"
        case .withdrawn: "withdrawn"
        }
    }
}
