import Foundation

/// Derives the alerts of DOMAIN.md's table from a caseload snapshot at a given time. Pure: the
/// same snapshot, time and thresholds always give the same alerts, in the same order.
///
/// Time limits are strict ("over 2 h"): an alert fires once the limit has passed, not at it.
public enum AlertRules {
    /// Every alert on the open cases, critical first, then the longest-standing first.
    ///
    /// - Parameters:
    ///   - handover: the last shift's handover with its acknowledgements, for "handover not
    ///     acknowledged" (an hour into the shift after it, while cards are still waiting).
    ///   - zone: the unit's time zone, which decides what "today" is for birthdays and review dates.
    public static func evaluate(
        snapshot: CaseloadSnapshot, now: Date, thresholds: AlertThresholds = .standard,
        handover: HandoverState? = nil, zone: TimeZone
    ) -> [Alert] {
        var alerts = collect(snapshot, only: nil, now: now, thresholds: thresholds, zone: zone)
        if let handover {
            handoverAlert(handover, now, thresholds, into: &alerts)
        }
        return sortedByPrecedence(alerts)
    }

    /// The alerts about these children only (their own, their referrals', their court dates'),
    /// for refreshing the children a change touched without evaluating the whole caseload.
    /// `positions`, when given, are where those children are in `snapshot.children` (the
    /// dashboard keeps that index): only they are visited, rather than every child checked
    /// against `ids`. A position that does not hold one of `ids` is passed over.
    /// `records`, when given, are where those children's referrals and appointments are
    /// (`RecordPositions`), found once by the caller for everything it refreshes.
    public static func evaluate(
        children ids: Set<ChildID>, at positions: [Int]? = nil, records: RecordPositions? = nil, snapshot: CaseloadSnapshot, now: Date,
        thresholds: AlertThresholds = .standard, zone: TimeZone
    ) -> [Alert] {
        sortedByPrecedence(collect(snapshot, only: ids, at: positions, records: records, now: now, thresholds: thresholds, zone: zone))
    }

    /// The children's own alerts are worked out on every core (`ParallelMap`), a range of
    /// children each, and put together in the children's order.
    private static func collect(
        _ snapshot: CaseloadSnapshot, only ids: Set<ChildID>?, at positions: [Int]? = nil, records: RecordPositions? = nil, now: Date,
        thresholds: AlertThresholds, zone: TimeZone
    ) -> [Alert] {
        let today = DayDate(now, in: zone)
        let only = ids.map(ChildIDMatch.init)
        let records = records ?? only.map { RecordPositions(of: $0, in: snapshot) } ?? RecordPositions(everyRecordOf: snapshot)
        let transition = childrenWithTransitionReferral(snapshot, at: records.referrals)
        let children = snapshot.children
        let parts: [(alerts: [Alert], open: [ChildID])]
        if let positions, let only {
            var alerts: [Alert] = []
            var open: [ChildID] = []
            for index in positions.sorted() where children.indices.contains(index) && only.contains(children[index].id) {
                guard children[index].isOpen else {
                    closedMissingAlerts(children[index], snapshot, now, thresholds, into: &alerts)
                    continue
                }
                open.append(children[index].id)
                childAlerts(children[index], snapshot, now, today, thresholds, zone, transition, into: &alerts)
            }
            parts = [(alerts, open)]
        } else {
            parts = ParallelMap.mapRanges(count: children.count) { range in
                var alerts: [Alert] = []
                var open: [ChildID] = []
                // Each child is read in place (`children[index]`), not copied out with its strings.
                for index in range where only?.contains(children[index].id) ?? true {
                    guard children[index].isOpen else {
                        closedMissingAlerts(children[index], snapshot, now, thresholds, into: &alerts)
                        continue
                    }
                    open.append(children[index].id)
                    childAlerts(children[index], snapshot, now, today, thresholds, zone, transition, into: &alerts)
                }
                return (alerts: alerts, open: open)
            }
        }
        var alerts: [Alert] = []
        alerts.reserveCapacity(parts.reduce(0) { $0 + $1.alerts.count })
        var open = Set<ChildID>(minimumCapacity: parts.reduce(0) { $0 + $1.open.count })
        for part in parts {
            alerts += part.alerts
            open.formUnion(part.open)
        }
        // A child whose own record does not open: critical, and what of theirs opens counts.
        for (id, _) in snapshot.unreadableChildren where only?.contains(id) ?? true {
            open.insert(id)
            alerts.append(make(.recordDoesNotOpen, id.rawValue, id, UnreadableChild.words, since: .distantPast))
            if let episode = snapshot.openEpisode(of: id) { missingAlerts(episode, of: id, now, thresholds, into: &alerts) }
        }
        // A child whose summary is not the trail's: read from the records, and critical.
        for id in snapshot.untrustedChildren where only?.contains(id) ?? true {
            alerts.append(make(.recordUntrusted, id.rawValue, id, UntrustedChild.words, since: .distantPast))
        }
        // The few children of a save compared one by one, not every referral's child hashed.
        let isOpen = ChildIDMatch(open)
        referralAlerts(snapshot, at: records.referrals, isOpen, now, thresholds, into: &alerts)
        for index in records.appointments where snapshot.appointments[index].kind == .court && isOpen.contains(snapshot.appointments[index].child) {
            let appointment = snapshot.appointments[index]
            let ahead = appointment.at.timeIntervalSince(now)
            if ahead >= 0 && ahead <= thresholds.courtWithin {
                alerts.append(make(.courtSoon, appointment.id.rawValue, appointment.child,
                                   "court in \(DurationWords.short(ahead))" + (appointment.place.isEmpty ? "" : " — \(appointment.place)"),
                                   since: appointment.at))
            }
        }
        return alerts
    }

    /// `alerts.sorted(by: precedes)`, comparing severities and times taken out once and the
    /// ids only on a tie, and moving each alert once.
    static func sortedByPrecedence(_ alerts: [Alert]) -> [Alert] {
        let severities = alerts.map(\.severity), times = alerts.map(\.since)
        let order = alerts.indices.sorted { a, b in
            if severities[a] != severities[b] { return severities[a] > severities[b] }
            if times[a] != times[b] { return times[a] < times[b] }
            return alerts[a].id < alerts[b].id
        }
        return order.map { alerts[$0] }
    }

    /// Critical first; within a severity the oldest condition first; then by id for a total order.
    public static func precedes(_ a: Alert, _ b: Alert) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.since != b.since { return a.since < b.since }
        return a.id < b.id
    }

    // MARK: - Rules on one child

    private static func childAlerts(
        _ child: ChildSummary, _ snapshot: CaseloadSnapshot, _ now: Date, _ today: DayDate,
        _ t: AlertThresholds, _ zone: TimeZone, _ transition: Set<ChildID>, into alerts: inout [Alert]
    ) {
        let id = child.id
        let episodes = snapshot.episodes[id] ?? []
        let openEpisode = episodes.first(where: \.isOpen)

        if let episode = openEpisode {
            missingAlerts(episode, of: id, now, t, into: &alerts)
        } else {
            // While a child is missing the missing alert says more than "contact overdue" would.
            let cadence = t.cadence(for: child.riskLevel)
            let last = snapshot.lastContact[id]
            let reference = last ?? child.openedOn.startOfDay(in: zone) ?? now
            if now.timeIntervalSince(reference) > cadence {
                let words = last == nil
                    ? "no contact since the case opened \(DurationWords.short(now.timeIntervalSince(reference))) ago"
                    : "last contact \(DurationWords.short(now.timeIntervalSince(reference))) ago"
                alerts.append(make(.contactOverdue, id.rawValue, id,
                                   "\(words)\(snapshot.restrictedLastContact.contains(id) ? " (restricted note)" : "") — \(child.riskLevel.rawValue) risk expects every \(DurationWords.short(cadence))",
                                   since: reference.addingTimeInterval(cadence), level: rank(child.riskLevel)))
            }
        }

        if child.riskLevel < .high {
            let recent = episodes.filter { now.timeIntervalSince($0.reportedMissingAt) <= t.repeatedMissingWindow }
            if recent.count >= t.repeatedMissingCount {
                let first = recent.map(\.reportedMissingAt).min()!
                alerts.append(make(.repeatedMissing, id.rawValue, id,
                                   "\(recent.count) missing episodes in \(Int(t.repeatedMissingWindow / AlertThresholds.day)) days at \(child.riskLevel.rawValue) risk — consider raising",
                                   since: first, level: recent.count))
            }
        }

        for episode in episodes {
            guard let located = episode.located, episode.debrief == nil else { continue }
            let since = now.timeIntervalSince(located.at)
            if since > t.debriefWithin {
                alerts.append(make(.debriefOverdue, episode.id.rawValue, id,
                                   "located \(DurationWords.short(since)) ago, no debrief recorded",
                                   since: located.at.addingTimeInterval(t.debriefWithin)))
            }
        }

        if let plan = snapshot.plans[id] {
            if today > plan.reviewBy {
                let due = plan.reviewBy.startOfDay(in: zone).map { $0.addingTimeInterval(AlertThresholds.day) } ?? now
                alerts.append(make(.safetyPlanDue, id.rawValue, id, "safety plan review was due \(plan.reviewBy)", since: due,
                                   level: rank(child.riskLevel)))
            }
        } else if child.riskLevel >= .high {
            alerts.append(make(.safetyPlanDue, id.rawValue, id, "\(child.riskLevel.rawValue) risk and no safety plan",
                               since: child.openedOn.startOfDay(in: zone) ?? now, level: rank(child.riskLevel)))
        }

        let eighteenth = child.birth.eighteenth
        let daysLeft = days(from: today, to: eighteenth)
        // The alert names what is missing: the referral, and each item of the transition plan
        // not done (or that there is no plan). A referral and a plan with everything done
        // silence it.
        let undone = child.transitionPlan?.undone
        if daysLeft >= 0 && daysLeft <= t.agingOutWithinDays && (!transition.contains(child.id) || !(undone ?? []).isEmpty) {
            var missing: [String] = []
            if !transition.contains(child.id) { missing.append("no Youth-In-Transition referral") }
            if let undone {
                if !undone.isEmpty { missing.append("transition plan not done: " + undone.map(\.rawValue).joined(separator: ", ")) }
            } else if !transition.contains(child.id) {
                missing.append("no transition plan")
            }
            alerts.append(make(.agingOut, id.rawValue, id,
                               "turns 18 in \(daysLeft) day\(daysLeft == 1 ? "" : "s") (\(eighteenth)) — " + missing.joined(separator: "; "),
                               since: eighteenth.startOfDay(in: zone)?.addingTimeInterval(-Double(t.agingOutWithinDays) * AlertThresholds.day) ?? now))
        }

        for flag in child.activeFlags {
            alerts.append(Alert(id: "\(AlertRule.flag.key):\(flag.id.rawValue)", rule: .flag, severity: flag.severity,
                                child: id, message: flag.text, since: flag.setAt))
        }
    }

    /// A closed case raises no alert, except that a child missing now is never hidden: a
    /// supervisor who closed over an open missing episode still sees it named, with every step.
    private static func closedMissingAlerts(
        _ child: ChildSummary, _ snapshot: CaseloadSnapshot, _ now: Date, _ t: AlertThresholds, into alerts: inout [Alert]
    ) {
        if let episode = snapshot.openEpisode(of: child.id) { missingAlerts(episode, of: child.id, now, t, into: &alerts) }
    }

    /// One alert per open missing episode, its hours counted from the time last seen, naming
    /// every step not yet taken ("missing 5h — no police report — no contact with placement"). Its level is the number of
    /// thresholds of time missing passed, so an answer given at 5 h does not hold at 7 h.
    private static func missingAlerts(_ episode: MissingEpisode, of id: ChildID, _ now: Date, _ t: AlertThresholds, into alerts: inout [Alert]) {
        let gone = now.timeIntervalSince(episode.lastSeenAt)
        var steps: [String] = []
        if let report = episode.policeReport {
            steps.append("police occurrence \(report.occurrenceNumber.isEmpty ? "recorded" : report.occurrenceNumber)")
        } else {
            steps.append(gone > t.policeNotToldAfter ? "no police report" : "no police report recorded")
        }
        // A contact note with the placement or caregiver since the time last seen
        // (`MissingEpisode.placementContact`), whatever its class.
        steps.append(episode.placementContacted == nil ? "no contact with placement" : "placement contacted")
        alerts.append(make(.missingNow, episode.id.rawValue, id, (["missing \(DurationWords.short(gone))"] + steps).joined(separator: " — "),
                           since: episode.lastSeenAt, level: t.missingLevel(after: gone)))
    }

    /// The children with a Youth-In-Transition referral, found once for all of them: one counts
    /// unless it was declined or withdrawn.
    private static func childrenWithTransitionReferral(_ snapshot: CaseloadSnapshot, at positions: [Int]) -> Set<ChildID> {
        let transition = Set(snapshot.services.filter { $0.category == .youthInTransition }.map(\.id))
        var children = Set<ChildID>()
        let referrals = snapshot.referrals
        for index in positions
        where transition.contains(referrals[index].service) && referrals[index].status != .declined && referrals[index].status != .withdrawn {
            children.insert(referrals[index].child)
        }
        return children
    }

    // MARK: - Referrals and handover

    private static func referralAlerts(
        _ snapshot: CaseloadSnapshot, at positions: [Int], _ open: ChildIDMatch, _ now: Date, _ t: AlertThresholds, into alerts: inout [Alert]
    ) {
        var serviceNames: [ServiceID: String] = [:]
        for service in snapshot.services { serviceNames[service.id] = service.name }
        for index in positions where open.contains(snapshot.referrals[index].child) {
            let referral = snapshot.referrals[index]
            let waited = now.timeIntervalSince(referral.statusSince)
            let service = serviceNames[referral.service] ?? "a service"
            switch referral.status {
            case .awaitingReview where waited > t.reviewAwaitingFor:
                alerts.append(make(.referralAwaitingReview, referral.id.rawValue, referral.child,
                                   "referral to \(service) awaiting liaison review \(DurationWords.short(waited))",
                                   since: referral.statusSince.addingTimeInterval(t.reviewAwaitingFor)))
            case .sent where waited > t.referralNoResponseAfter:
                alerts.append(make(.referralNoResponse, referral.id.rawValue, referral.child,
                                   "referral to \(service) sent \(DurationWords.short(waited)) ago, no response",
                                   since: referral.statusSince.addingTimeInterval(t.referralNoResponseAfter)))
            default:
                break
            }
        }
    }

    /// The incoming shift starts when the handover's shift ends; the alert holds from an hour
    /// into it until it ends or every card is acknowledged.
    public static func handoverAlert(_ state: HandoverState, now: Date, thresholds t: AlertThresholds) -> Alert? {
        let handover = state.handover
        let into = now.timeIntervalSince(handover.shiftEnd)
        let length = handover.shiftEnd.timeIntervalSince(handover.shiftStart)
        let waiting = state.waiting.count
        guard into > t.handoverAcknowledgeWithin, into < length, waiting > 0 else { return nil }
        return make(.handoverNotAcknowledged, handover.id.rawValue, nil,
                    "\(waiting) of \(handover.entries.count) handover cards not acknowledged \(DurationWords.short(into)) into the shift",
                    since: handover.shiftEnd.addingTimeInterval(t.handoverAcknowledgeWithin))
    }

    private static func handoverAlert(_ state: HandoverState, _ now: Date, _ t: AlertThresholds, into alerts: inout [Alert]) {
        if let alert = handoverAlert(state, now: now, thresholds: t) { alerts.append(alert) }
    }

    // MARK: - Helpers

    private static func make(_ rule: AlertRule, _ record: String, _ child: ChildID?, _ message: String, since: Date, level: Int = 0) -> Alert {
        Alert(id: "\(rule.key):\(record)", rule: rule, severity: rule.defaultSeverity, child: child, message: message, since: since,
              level: level)
    }

    /// A risk level as a level of an alert: higher risk, worse cause.
    private static func rank(_ risk: RiskLevel) -> Int { RiskLevel.allCases.firstIndex(of: risk) ?? 0 }

    /// Whole calendar days from `a` to `b` (negative when `b` is earlier).
    static func days(from a: DayDate, to b: DayDate) -> Int {
        CivilDays.number(b) - CivilDays.number(a)
    }
}
