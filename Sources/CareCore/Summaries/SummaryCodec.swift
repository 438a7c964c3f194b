import CareDomain
import Foundation

/// A `CaseloadEntry` as the plain bytes of a sealed summary (`SummaryWriter`'s format), and back.
/// Every field is written in the order of its type's declaration; `format` changes whenever that
/// order does, and a summary of another format is read from its records instead.
///
/// Format 2 added a child's profile changes and an episode's contact with the placement, each
/// at the end of its value. Format 1 is still read, with neither: both can only be there once a
/// record was written by a version that keeps them, and that write rewrote the summary in
/// format 2, so a format-1 summary is exactly what its records make.
///
/// Format 3 (issue 27) added a child's closure request, the time its closure was approved and
/// its transition plan, at the end of the child; a format-2 summary is read with none, for the
/// same reason.
///
/// Format 4 (issue 23) added a child's phone numbers at the end of the child, so the caseload
/// filter finds a child by one without opening the record; a format-3 summary is read with
/// none, for the same reason.
///
/// Format 5 (issue 25) keeps of the safety plan only its review date (`SafetyPlanSummary`): its
/// id, version, steps, trusted adults and safe places were read by nothing the caseload shows.
/// An older summary's plan is read past to its review date.
package enum SummaryCodec {
    package static let format: UInt8 = 5
    package static let readable: ClosedRange<UInt8> = 1...5

    package static func encode(_ entry: CaseloadEntry) -> Data {
        var out = SummaryWriter(version: format)
        out.optional(entry.child) { $0.child($1) }
        out.list(entry.openIndicators) { $0.indicator($1) }
        out.list(entry.episodes) { $0.episode($1) }
        out.optional(entry.plan) { $0.plan($1) }
        out.list(entry.referrals) { $0.referral($1) }
        out.list(entry.appointments) { $0.appointment($1) }
        out.optional(entry.lastContact) { $0.time($1) }
        return Data(out.bytes)
    }

    package static func decode(_ data: Data) throws -> CaseloadEntry {
        var interner = TextInterner()
        return try decode(data, interner: &interner)
    }

    /// Decodes `data`, sharing repeated text with what `interner` decoded before.
    package static func decode(_ data: Data, interner: inout TextInterner) throws -> CaseloadEntry {
        var input = try SummaryReader(data, versions: readable)
        swap(&input.interner, &interner)
        defer { swap(&input.interner, &interner) }
        let entry = CaseloadEntry(
            child: try input.optional { try $0.child() },
            openIndicators: try input.list { try $0.indicator() },
            episodes: try input.list { try $0.episode() },
            plan: try input.optional { try $0.plan() },
            referrals: try input.list { try $0.referral() },
            appointments: try input.list { try $0.appointment() },
            lastContact: try input.optional { try $0.time() })
        guard input.isAtEnd else { throw SummaryBytes.Damaged() }
        return entry
    }
}

// MARK: Writing

extension SummaryWriter {
    mutating func id<Tag>(_ id: RecordID<Tag>) { text(id.rawValue) }

    mutating func day(_ day: DayDate) {
        int(day.year)
        int(day.month)
        int(day.day)
    }

    mutating func child(_ child: ChildSummary) {
        id(child.id)
        int(child.version)
        text(child.caseNumber.unit)
        int(child.caseNumber.year)
        int(child.caseNumber.sequence)
        text(child.legalName)
        text(child.preferredName)
        text(child.pronouns)
        switch child.birth {
        case .exact(let day):
            byte(0)
            self.day(day)
        case .estimated(let years, let asOf):
            byte(1)
            int(years)
            day(asOf)
        }
        switch child.indigenousIdentity {
        case .affiliations(let list):
            byte(0)
            self.list(list) { out, affiliation in
                out.text(affiliation.group.rawValue)
                out.text(affiliation.community)
                out.text(affiliation.representativeContact)
            }
        case .notIndigenous: byte(1)
        case .notDisclosed: byte(2)
        case .unknown: byte(3)
        }
        list(child.languages) { $0.text($1) }
        text(child.careStatus.rawValue)
        text(child.riskLevel.rawValue)
        text(child.exploitationStatus.rawValue)
        switch child.whereabouts {
        case .located(let place, let since):
            byte(0)
            text(place)
            time(since)
        case .missing(let since, let lastSeen):
            byte(1)
            time(since)
            text(lastSeen)
        case .unknown:
            byte(2)
        }
        for member in [child.team.childProtection, child.team.police, child.team.liaison] { optional(member) { $0.id($1) } }
        day(child.openedOn)
        optional(child.closedOn) { $0.day($1) }
        list(child.activeFlags) { out, flag in
            out.id(flag.id)
            out.text(flag.text)
            out.text(flag.severity.rawValue)
            out.id(flag.setBy)
            out.time(flag.setAt)
            out.optional(flag.removal) { out, removal in
                out.id(removal.by)
                out.time(removal.at)
                out.text(removal.reason)
            }
        }
        list(child.profileChanges) { out, change in
            out.list(change.fields) { $0.text($1) }
            out.time(change.at)
            out.id(change.by)
        }
        optional(child.closureRequest) { $0.closureRequest($1) }
        optional(child.closedAt) { $0.time($1) }
        optional(child.transitionPlan) { $0.transitionPlan($1) }
        list(child.phones) { $0.text($1) }
    }

    mutating func closureRequest(_ request: ClosureRequest) {
        text(request.reason.choice)
        text(request.reason.otherWords)
        text(request.note)
        day(request.closeOn)
        id(request.requestedBy)
        time(request.requestedAt)
        list(request.blocks) { out, block in
            switch block {
            case .missing(let episode):
                out.byte(0)
                out.id(episode)
            case .referral(let referral, let status):
                out.byte(1)
                out.id(referral)
                out.text(status.rawValue)
            }
        }
        optional(request.decision) { out, decision in
            out.bool(decision.approved)
            out.id(decision.by)
            out.time(decision.at)
            out.text(decision.comment)
            out.optional(decision.overBlocks) { $0.text($1) }
        }
    }

    mutating func transitionPlan(_ plan: TransitionPlan) {
        list(plan.entries) { out, entry in
            out.text(entry.item.rawValue)
            out.text(entry.owner)
            out.optional(entry.due) { $0.day($1) }
            out.text(entry.state.rawValue)
            out.text(entry.detail)
        }
        int(plan.revision)
        optional(plan.updatedBy) { $0.id($1) }
        optional(plan.updatedAt) { $0.time($1) }
    }

    mutating func indicator(_ indicator: OpenIndicator) {
        id(indicator.id)
        if case .other(let words) = indicator.kind {
            text(SummaryCodec.otherIndicator)
            text(words)
        } else {
            text(SummaryCodec.indicatorNames[indicator.kind] ?? SummaryCodec.otherIndicator)
        }
        day(indicator.observedOn)
    }

    mutating func episode(_ episode: MissingEpisode) {
        id(episode.id)
        int(episode.version)
        id(episode.child)
        time(episode.reportedMissingAt)
        time(episode.lastSeenAt)
        text(episode.lastSeenPlace)
        optional(episode.policeReport) { out, report in
            out.text(report.service)
            out.text(report.occurrenceNumber)
            out.time(report.reportedAt)
        }
        optional(episode.located) { out, located in
            out.time(located.at)
            out.text(located.place)
            out.text(located.returnedTo)
        }
        optional(episode.debrief) { out, debrief in
            out.time(debrief.on)
            out.id(debrief.by)
            out.text(debrief.notes)
        }
        text(episode.notes)
        text(episode.description)
        text(episode.believedWith)
        text(episode.vehicle)
        optional(episode.placementContact) { out, contact in
            out.time(contact.at)
            out.id(contact.note)
        }
    }

    mutating func plan(_ plan: SafetyPlanSummary) {
        day(plan.reviewBy)
    }

    mutating func referral(_ referral: Referral) {
        id(referral.id)
        int(referral.version)
        id(referral.child)
        id(referral.service)
        text(referral.reason)
        text(referral.priority.rawValue)
        text(referral.consent.state.rawValue)
        text(referral.consent.by)
        optional(referral.consent.at) { $0.time($1) }
        optional(referral.consent.recordedBy) { $0.id($1) }
        let review = referral.review
        bool(review.required)
        bool(review.requiredBySupervisor)
        optional(review.reviewer) { $0.id($1) }
        list(review.checklist) { out, item in
            out.text(item.question)
            out.optional(item.answer) { $0.text($1.rawValue) }
            out.text(item.comment)
        }
        optional(review.decision) { $0.text($1.rawValue) }
        text(review.comment)
        optional(review.decidedAt) { $0.time($1) }
        text(referral.status.rawValue)
        id(referral.createdBy)
        time(referral.createdAt)
        list(referral.timeline) { out, step in
            out.text(step.from.rawValue)
            out.text(step.to.rawValue)
            out.id(step.by)
            out.time(step.at)
            out.text(step.note)
        }
    }

    mutating func appointment(_ appointment: Appointment) {
        id(appointment.id)
        int(appointment.version)
        id(appointment.child)
        text(appointment.kind.rawValue)
        time(appointment.at)
        text(appointment.place)
        text(appointment.note)
    }
}

// MARK: Reading

extension SummaryReader {
    mutating func day() throws -> DayDate {
        DayDate(year: try int(), month: try int(), day: try int())
    }

    mutating func child() throws -> ChildSummary {
        let id: ChildID = try id()
        let version = try int()
        let caseNumber = CaseNumber(unit: try text(), year: try int(), sequence: try int())
        let legalName = try text(), preferredName = try text(), pronouns = try text()
        let birth: Birth
        switch try byte() {
        case 0: birth = .exact(try day())
        case 1: birth = .estimated(years: try int(), asOf: try day())
        default: throw SummaryBytes.Damaged()
        }
        let identity: IndigenousIdentity
        switch try byte() {
        case 0:
            identity = .affiliations(try sharedList(\.affiliationLists) { input in
                Affiliation(group: try input.raw(IndigenousGroup.self), community: try input.text(), representativeContact: try input.text())
            })
        case 1: identity = .notIndigenous
        case 2: identity = .notDisclosed
        case 3: identity = .unknown
        default: throw SummaryBytes.Damaged()
        }
        let languages = try sharedList(\.languageLists) { try $0.text() }
        let careStatus = try raw(CareStatus.self), riskLevel = try raw(RiskLevel.self)
        let exploitation = try raw(ExploitationStatus.self)
        let whereabouts: Whereabouts
        switch try byte() {
        case 0: whereabouts = .located(place: try text(), since: try time())
        case 1: whereabouts = .missing(since: try time(), lastSeen: try text())
        case 2: whereabouts = .unknown
        default: throw SummaryBytes.Damaged()
        }
        let team = Team(childProtection: try optional { try $0.id() }, police: try optional { try $0.id() },
                        liaison: try optional { try $0.id() })
        let openedOn = try day()
        let closedOn = try optional { try $0.day() }
        let flags = try list { input in
            Flag(id: try input.id(), text: try input.text(), severity: try input.raw(AlertSeverity.self), setBy: try input.id(),
                 setAt: try input.time(),
                 removal: try input.optional { input in Flag.Removal(by: try input.id(), at: try input.time(), reason: try input.text()) })
        }
        let profileChanges = self.version < 2 ? [] : try list { input in
            ProfileChange(fields: try input.list { try $0.text() }, at: try input.time(), by: try input.id())
        }
        let lifecycle = self.version < 3
            ? (request: nil, closedAt: nil, plan: nil)
            : (request: try optional { try $0.closureRequest() }, closedAt: try optional { try $0.time() },
               plan: try optional { try $0.transitionPlan() })
        let phones = self.version < 4 ? [] : try list { try $0.text() }
        return ChildSummary(
            id: id, version: version, caseNumber: caseNumber, legalName: legalName, preferredName: preferredName, pronouns: pronouns,
            birth: birth, indigenousIdentity: identity, languages: languages, careStatus: careStatus, riskLevel: riskLevel,
            exploitationStatus: exploitation, whereabouts: whereabouts, team: team, openedOn: openedOn, closedOn: closedOn,
            activeFlags: flags, profileChanges: profileChanges, closureRequest: lifecycle.request, closedAt: lifecycle.closedAt,
            transitionPlan: lifecycle.plan, phones: phones)
    }

    mutating func closureRequest() throws -> ClosureRequest {
        ClosureRequest(
            reason: ClosureReason(choice: try text(), otherWords: try text()), note: try text(), closeOn: try day(),
            requestedBy: try id(), requestedAt: try time(),
            blocks: try list { input in
                switch try input.byte() {
                case 0: return .missing(try input.id())
                case 1: return .referral(try input.id(), status: try input.raw(Referral.Status.self))
                default: throw SummaryBytes.Damaged()
                }
            },
            decision: try optional { input in
                ClosureRequest.Decision(approved: try input.bool(), by: try input.id(), at: try input.time(), comment: try input.text(),
                                        overBlocks: try input.optional { try $0.text() })
            })
    }

    mutating func transitionPlan() throws -> TransitionPlan {
        TransitionPlan(
            entries: try list { input in
                TransitionPlan.Entry(item: try input.raw(TransitionPlan.Item.self), owner: try input.text(), due: try input.optional { try $0.day() },
                                     state: try input.raw(TransitionPlan.State.self), detail: try input.text())
            },
            revision: try int(), updatedBy: try optional { try $0.id() }, updatedAt: try optional { try $0.time() })
    }

    mutating func indicator() throws -> OpenIndicator {
        let id: IndicatorID = try id()
        let name = try text()
        let kind: RiskIndicator.Kind
        if name == SummaryCodec.otherIndicator {
            kind = .other(try text())
        } else {
            guard let standard = SummaryCodec.indicatorKinds[name] else { throw SummaryBytes.Damaged() }
            kind = standard
        }
        return OpenIndicator(id: id, kind: kind, observedOn: try day())
    }

    mutating func episode() throws -> MissingEpisode {
        MissingEpisode(
            id: try id(), version: try int(), child: try id(), reportedMissingAt: try time(), lastSeenAt: try time(),
            lastSeenPlace: try text(),
            policeReport: try optional { input in
                MissingEpisode.PoliceReport(service: try input.text(), occurrenceNumber: try input.text(), reportedAt: try input.time())
            },
            located: try optional { input in
                MissingEpisode.Located(at: try input.time(), place: try input.text(), returnedTo: try input.text())
            },
            debrief: try optional { input in MissingEpisode.Debrief(on: try input.time(), by: try input.id(), notes: try input.text()) },
            notes: try text(), description: try text(), believedWith: try text(), vehicle: try text(),
            placementContact: self.version < 2 ? nil : try optional { input in
                MissingEpisode.PlacementContact(at: try input.time(), note: try input.id())
            })
    }

    mutating func plan() throws -> SafetyPlanSummary {
        if self.version < 5 {
            // The whole plan of formats 1 to 4, read past to its review date: its id, version
            // and child, then its steps, trusted adults and safe places.
            try skipText()
            _ = try int()
            try skipText()
            try skipList { input in try input.skipText(); try input.skipText() }
            try skipList { try $0.skipText() }
            try skipList { try $0.skipText() }
        }
        return SafetyPlanSummary(reviewBy: try day())
    }

    mutating func referral() throws -> Referral {
        let id: ReferralID = try id()
        let version = try int()
        let child: ChildID = try self.id()
        let service: ServiceID = try self.id()
        let reason = try text()
        let priority = try raw(Referral.Priority.self)
        let consent = Referral.Consent(
            state: try raw(Referral.Consent.State.self), by: try text(), at: try optional { try $0.time() },
            recordedBy: try optional { try $0.id() })
        let review = CulturalSafetyReview(
            required: try bool(), requiredBySupervisor: try bool(), reviewer: try optional { try $0.id() },
            checklist: try list { input in
                CulturalSafetyReview.Item(
                    question: try input.text(), answer: try input.optional { try $0.raw(CulturalSafetyReview.Answer.self) },
                    comment: try input.text())
            },
            decision: try optional { try $0.raw(CulturalSafetyReview.Decision.self) }, comment: try text(),
            decidedAt: try optional { try $0.time() })
        return Referral(
            id: id, version: version, child: child, service: service, reason: reason, priority: priority, consent: consent,
            review: review, status: try raw(Referral.Status.self), createdBy: try self.id(), createdAt: try time(),
            timeline: try list { input in
                Transition(from: try input.raw(Referral.Status.self), to: try input.raw(Referral.Status.self), by: try input.id(),
                           at: try input.time(), note: try input.text())
            })
    }

    mutating func appointment() throws -> Appointment {
        Appointment(
            id: try id(), version: try int(), child: try id(), kind: try raw(Appointment.Kind.self), at: try time(),
            place: try text(), note: try text())
    }
}

// MARK: Indicator kinds

extension SummaryCodec {
    package static let otherIndicator = "other"

    /// Each standard kind's name in a summary. Written out rather than taken from the order of
    /// `RiskIndicator.Kind.standard`, so reordering that list changes no stored summary.
    package static let indicatorNames: [RiskIndicator.Kind: String] = [
        .olderOrControllingPartner: "older-partner",
        .repeatedMissingEpisodes: "repeated-missing",
        .unexplainedMoneyOrGoods: "unexplained-goods",
        .hotelKeyCardsOrStays: "hotel",
        .multiplePhonesOrAccounts: "phones",
        .explicitOnlineProfile: "online-profile",
        .brandingTattoos: "branding",
        .secrecyAboutWhereabouts: "secrecy",
        .substanceUse: "substances",
        .schoolDisengagement: "school",
        .lossOfContactWithFamily: "family-contact",
        .sexTradeVocabulary: "vocabulary",
        .noIDOrSomeoneElseHoldsIt: "no-id",
        .reluctanceToEngage: "reluctance",
    ]

    package static let indicatorKinds: [String: RiskIndicator.Kind] = Dictionary(
        uniqueKeysWithValues: indicatorNames.map { ($0.value, $0.key) })
}
