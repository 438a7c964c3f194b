import CareDomain
import Foundation

/// One thing in an open record that can be read whole: a note, an episode, a flag, the plan...
/// The record pane moves its cursor from item to item, and Enter opens the item in the reader.
public enum RecordItem: Hashable, Sendable {
    case contact(ContactID)
    case episode(EpisodeID)
    case indicator(IndicatorID)
    case plan
    case referral(ReferralID)
    case flag(FlagID)
    /// The record's head: names, identity and every community with its representative,
    /// languages, whereabouts, team and status, which the pane cuts to its width.
    case profile
}

/// A text to read whole: a title naming whose it is, and paragraphs that keep their own line
/// breaks. The reader wraps them to its width.
public struct ReaderDocument: Sendable, Equatable {
    public var title: String
    public var paragraphs: [String]

    public init(title: String, paragraphs: [String]) {
        self.title = title
        self.paragraphs = paragraphs
    }
}

/// Builds the whole text of a record item or an alert, with who wrote it and when.
enum ReaderDocuments {
    static func document(for item: RecordItem, in detail: ChildDetail, dashboard: Dashboard, session: Session) -> ReaderDocument? {
        let zone = session.zone
        let whose = dashboard.nameWithCase(ofChild: detail.child.id)
        func who(_ id: WorkerID?) -> String { dashboard.workerName(id) ?? "a worker no longer listed" }
        func when(_ date: Date) -> String { TimeText.format(date, zone: zone) }
        var document: ReaderDocument?
        switch item {
        case .contact(let id):
            guard let contact = detail.contacts.contacts.first(where: { $0.id == id }) else { return nil }
            let kind = contact.kind.rawValue.prefix(1).uppercased() + contact.kind.rawValue.dropFirst()
            var paragraphs = ["\(kind) · \(when(contact.occurredAt)) · by \(who(contact.author))"
                + (contact.visibility == .restricted ? " · restricted (hidden from the police role)" : "")]
            if !contact.location.isEmpty { paragraphs.append("Location: \(contact.location)") }
            paragraphs += ["", contact.summary]
            if !contact.nextSteps.isEmpty { paragraphs += ["", "Next steps:", contact.nextSteps] }
            document = ReaderDocument(title: "Contact note — \(whose)", paragraphs: paragraphs)
        case .episode(let id):
            guard let episode = detail.episodes.first(where: { $0.id == id }) else { return nil }
            var paragraphs = [
                "Reported missing \(when(episode.reportedMissingAt)); last seen \(when(episode.lastSeenAt)) at \(episode.lastSeenPlace).",
            ]
            if !episode.notes.isEmpty { paragraphs += ["", "Circumstances and notes:", episode.notes] }
            if !episode.description.isEmpty { paragraphs += ["", "Description and clothing:", episode.description] }
            if !episode.believedWith.isEmpty { paragraphs.append("Believed to be with: \(episode.believedWith)") }
            if !episode.vehicle.isEmpty { paragraphs.append("Vehicle: \(episode.vehicle)") }
            paragraphs.append("")
            if let police = episode.policeReport {
                paragraphs.append("Police: \(police.service), occurrence \(police.occurrenceNumber.isEmpty ? "not given" : police.occurrenceNumber), told \(when(police.reportedAt)).")
            } else {
                paragraphs.append("Police: no report recorded.")
            }
            if let located = episode.located {
                paragraphs.append("Located \(when(located.at)) at \(located.place)" + (located.returnedTo.isEmpty ? "." : "; returned to \(located.returnedTo)."))
            } else {
                paragraphs.append("Still missing.")
            }
            if let debrief = episode.debrief {
                paragraphs += ["", "Debrief \(when(debrief.on)) by \(who(debrief.by))."]
                if !debrief.notes.isEmpty { paragraphs.append(debrief.notes) }
            } else if episode.located != nil {
                paragraphs.append("Debrief not recorded yet.")
            }
            document = ReaderDocument(title: "Missing episode — \(whose)", paragraphs: paragraphs)
        case .indicator(let id):
            guard let indicator = detail.indicators.first(where: { $0.id == id }) else { return nil }
            var paragraphs = ["\(indicator.kind.label) · observed \(indicator.observedOn) · source: \(indicator.source.rawValue)"
                + (indicator.resolved ? " · resolved" : "")]
            if !indicator.note.isEmpty { paragraphs += ["", indicator.note] }
            document = ReaderDocument(title: "Risk indicator — \(whose)", paragraphs: paragraphs)
        case .plan:
            guard let plan = detail.plan else { return nil }
            var paragraphs = ["Review by \(plan.reviewBy).", "", "Steps:"]
            paragraphs += plan.steps.map { "• \($0.text)" + ($0.owner.isEmpty ? "" : " (\($0.owner))") }
            paragraphs += ["", "Trusted adults:"] + (plan.trustedAdults.isEmpty ? ["none named"] : plan.trustedAdults.map { "• \($0)" })
            paragraphs += ["", "Safe places:"] + (plan.safePlaces.isEmpty ? ["none named"] : plan.safePlaces.map { "• \($0)" })
            document = ReaderDocument(title: "Safety plan — \(whose)", paragraphs: paragraphs)
        case .referral(let id):
            guard let referral = detail.referrals.first(where: { $0.id == id }) else { return nil }
            let service = dashboard.snapshot.services.first { $0.id == referral.service }?.name ?? "unknown service"
            var paragraphs = [
                "\(service) · \(referral.status.rawValue) · \(referral.priority.rawValue)",
                "Drafted \(when(referral.createdAt)) by \(who(referral.createdBy)).", "", "Reason:", referral.reason, "",
                "Consent: \(referral.consent.state.rawValue)" + (referral.consent.by.isEmpty ? "" : " by \(referral.consent.by)")
                    + (referral.consent.at.map { ", \(when($0))" } ?? ""),
            ]
            if !referral.timeline.isEmpty {
                paragraphs += ["", "Steps:"]
                paragraphs += referral.timeline.map { step in
                    "\(when(step.at)) \(step.from.rawValue) → \(step.to.rawValue) by \(who(step.by))" + (step.note.isEmpty ? "" : ": \(step.note)")
                }
            }
            document = ReaderDocument(title: "Referral — \(whose)", paragraphs: paragraphs)
        case .profile:
            document = ReaderDocument(title: "Profile — \(whose)", paragraphs: profile(detail.child, dashboard: dashboard, session: session))
        case .flag(let id):
            guard let flag = detail.child.flags.first(where: { $0.id == id }) else { return nil }
            var paragraphs = ["\(flag.severity.word) flag, set \(when(flag.setAt)) by \(who(flag.setBy)).", "", flag.text]
            if let removal = flag.removal {
                paragraphs += ["", "Removed \(when(removal.at)) by \(who(removal.by)): \(removal.reason)"]
            }
            document = ReaderDocument(title: "Flag — \(whose)", paragraphs: paragraphs)
        }
        guard var result = document, dashboard.masked else { return document }
        result.paragraphs = result.paragraphs.map { Masking.redact($0, child: detail.child) }
        return result
    }

    /// The record's head whole. Masked, identity and communities stay masked, as on the pane.
    static func profile(_ child: Child, dashboard: Dashboard, session: Session) -> [String] {
        let summary = ChildSummary(child)
        var paragraphs: [String] = []
        if !dashboard.masked {
            paragraphs.append("Legal name: \(child.legalName)" + (child.preferredName.isEmpty ? "" : " · goes by \(child.preferredName)"))
        }
        paragraphs.append("Case \(child.caseNumber) · age \(summary.age(on: session.today))" + (child.pronouns.isEmpty ? "" : " · \(child.pronouns)")
                          + (child.gender.isEmpty || dashboard.masked ? "" : " · gender: \(child.gender)"))
        switch child.birth {
        case .exact(let day): paragraphs.append("Born \(dashboard.masked ? "(masked)" : day.description)")
        case .estimated(let years, let asOf): paragraphs.append("Age estimated \(years) on \(asOf) (no date of birth)")
        }
        if let phones = child.phones, !phones.isEmpty {
            paragraphs.append("Phone numbers: " + (dashboard.masked ? "(masked)" : phones.joined(separator: ", ")))
        }
        paragraphs.append("")
        if dashboard.masked {
            paragraphs.append("Identity and communities: (masked; M shows them)")
        } else {
            paragraphs.append("Indigenous identity: \(child.indigenousIdentity.summary)")
            for affiliation in child.indigenousIdentity.affiliations {
                paragraphs.append("• \(affiliation.group.rawValue): \(affiliation.community.isEmpty ? "(community not named)" : affiliation.community)"
                                  + (affiliation.representativeContact.isEmpty ? "" : "; representative: \(affiliation.representativeContact)"))
            }
        }
        paragraphs.append("Languages: " + (child.languages.isEmpty ? "not recorded" : child.languages.joined(separator: ", ")))
        paragraphs.append("")
        switch dashboard.snapshot.whereabouts(of: summary) {
        case .missing(let since, let lastSeen):
            paragraphs.append("Whereabouts: MISSING since \(TimeText.format(since, zone: session.zone))" + (dashboard.masked ? "" : "; last seen \(lastSeen)"))
        case .located(let place, let since):
            paragraphs.append("Whereabouts: \(dashboard.masked ? "located" : place) since \(TimeText.format(since, zone: session.zone))")
        case .unknown:
            paragraphs.append("Whereabouts: unknown")
        }
        let team = [
            dashboard.workerName(child.team.childProtection).map { "\($0) (child protection)" },
            dashboard.workerName(child.team.police).map { "\($0) (police)" },
            dashboard.workerName(child.team.liaison).map { "\($0) (liaison)" },
        ].compactMap { $0 }
        paragraphs.append("Team: " + (team.isEmpty ? "none assigned" : team.joined(separator: " · ")))
        paragraphs.append("Status: \(child.exploitationStatus.rawValue) · risk \(child.riskLevel.word.lowercased())")
        paragraphs.append("Care: \(child.careStatus.rawValue) · society: \(child.society.isEmpty ? "—" : child.society)"
                          + " · placement: \(child.placement.isEmpty ? "—" : child.placement)")
        paragraphs.append("Opened \(child.openedOn)")
        paragraphs += LifecycleWords.lines(child, dashboard: dashboard, zone: dashboard.zone)
        return paragraphs
    }

    static func document(for alert: Alert, dashboard: Dashboard, session: Session) -> ReaderDocument {
        let whose = alert.child.map { dashboard.nameWithCase(ofChild: $0) } ?? "the unit"
        var paragraphs = [
            "\(alert.severity.symbol) \(alert.severity.word) · \(alert.rule.rawValue)"
                + (alert.sinceIsKnown ? " · since \(TimeText.format(alert.since, zone: session.zone))" : ""),
            "", alert.message,
        ]
        // Who answered it: an answered alert that stays listed (a child missing now) says so at
        // the end of its row, which a narrow pane cuts; the reader says it whole.
        if dashboard.isHidden(alert) || dashboard.alertList.answered[alert.id] != nil {
            let answers = dashboard.snapshot.responses.filter { $0.alertID == alert.id && $0.since == alert.since }
            for answer in answers {
                let who = dashboard.workerName(answer.by) ?? "a worker"
                let what = answer.kind == .acknowledged ? "Acknowledged" : "Snoozed until \(TimeText.format(answer.until ?? answer.at, zone: session.zone))"
                paragraphs += ["", "\(what) \(TimeText.format(answer.at, zone: session.zone)) by \(who)" + (answer.note.isEmpty ? "." : ": \(answer.note)")]
            }
        }
        if dashboard.masked, let child = alert.child.flatMap(dashboard.child) {
            paragraphs = paragraphs.map { Masking.redact($0, child: child) }
        }
        return ReaderDocument(title: "Alert — \(whose)", paragraphs: paragraphs)
    }
}

/// Masked screens show a child by initials and case number; this also takes their names out of
/// free text (a note that names the youth).
enum Masking {
    static func redact(_ text: String, child: Child) -> String {
        redact(text, child: ChildSummary(child))
    }

    static func redact(_ text: String, child: ChildSummary) -> String {
        var result = text
        let names = [child.legalName, child.preferredName].filter { !$0.isEmpty }
        for name in names { result = result.replacingOccurrences(of: name, with: child.initials, options: [.caseInsensitive, .diacriticInsensitive]) }
        let parts = Set(names.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init) }).filter { $0.count >= 2 }
        for part in parts.sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: "\\b\(NSRegularExpression.escapedPattern(for: part))\\b", with: String(part.first!) + ".",
                                                 options: [.regularExpression, .caseInsensitive, .diacriticInsensitive])
        }
        return result
    }
}
