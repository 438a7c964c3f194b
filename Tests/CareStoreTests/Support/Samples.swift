import CareDomain
import Foundation

/// Synthetic records for tests. Every name and place is invented and obviously so.
enum Samples {
    static let canary = "Canarytest Zyxwv"
    static let syllabics = "ᐊᓂᔑᓈᐯᒧᐎᓐ"
    static let community = "Lakeview Test First Nation"

    static let when = Date(timeIntervalSince1970: 1_780_000_000)
    /// What the test stores' clock says: two days after `when` (28 May 2026), so every sample
    /// time is in the past and every case number is of 2026.
    static let now = when.addingTimeInterval(2 * 86_400)
    static let year = 2026

    static func child(author: WorkerID = .make(), sequence: Int = 42) -> Child {
        Child(
            caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: sequence),
            legalName: "\(canary) Testcase", preferredName: syllabics, pronouns: "she/her",
            birth: .exact(DayDate(year: 2012, month: 2, day: 29)), gender: "girl",
            indigenousIdentity: .affiliations([
                Affiliation(group: .firstNations, community: community, representativeContact: "Band office test line"),
                Affiliation(group: .metis, community: "Testville Métis Council"),
            ]),
            languages: ["Anishinaabemowin", "English"], careStatus: .customaryCare, society: "Test Family Services",
            placement: "Test group home", riskLevel: .high, exploitationStatus: .atRisk,
            whereabouts: .located(place: "Test group home", since: when), team: Team(childProtection: author),
            openedOn: DayDate(year: 2026, month: 1, day: 5),
            flags: [Flag(text: "Do not approach at Test School", setBy: author, setAt: when)])
    }

    /// A child as a worker drafts one for `createChild`: no flags (those come with `addFlag`)
    /// and a case number the store will replace.
    static func newChild(author: WorkerID, sequence: Int = 42) -> Child {
        var draft = child(author: author, sequence: sequence)
        draft.flags = []
        return draft
    }

    /// An open episode: last seen an hour before the report, no police report yet.
    static func openEpisode(child: ChildID) -> MissingEpisode {
        MissingEpisode(child: child, reportedMissingAt: when, lastSeenAt: when.addingTimeInterval(-3600), lastSeenPlace: "Test bus depot")
    }

    /// A draft referral, as `createReferral` takes it.
    static func draftReferral(child: ChildID, service: ServiceID, by worker: WorkerID) -> Referral {
        Referral(
            child: child, service: service, reason: "Wants ceremony support", priority: .urgent,
            consent: .init(state: .given, by: "youth", at: when), createdBy: worker, createdAt: when)
    }

    static func contact(child: ChildID, author: WorkerID, at offset: TimeInterval = 0, visibility: Contact.Visibility = .team) -> Contact {
        Contact(
            child: child, occurredAt: when.addingTimeInterval(offset), author: author, kind: .inPerson,
            location: "Test coffee shop", summary: "\(canary) talked about school", nextSteps: "Call Test School",
            visibility: visibility)
    }

    static func episode(child: ChildID, author: WorkerID) -> MissingEpisode {
        MissingEpisode(
            child: child, reportedMissingAt: when, lastSeenAt: when.addingTimeInterval(-3600), lastSeenPlace: "Test bus depot",
            policeReport: .init(service: "Test Police Service", occurrenceNumber: "TP-0001", reportedAt: when),
            located: .init(at: when.addingTimeInterval(7200), place: "Test mall", returnedTo: "Test group home"),
            debrief: .init(on: when.addingTimeInterval(9000), by: author), notes: "Found safe, test note")
    }

    static func indicator(child: ChildID) -> RiskIndicator {
        RiskIndicator(
            child: child, kind: .other("new test phone from \(canary)"), observedOn: DayDate(year: 2026, month: 5, day: 1),
            source: .school, note: "Seen by test teacher")
    }

    static func plan(child: ChildID) -> SafetyPlan {
        SafetyPlan(
            child: child, steps: [.init(text: "Check in daily by text", owner: "Casey Protectiontest")],
            trustedAdults: ["Aunt Testcase"], safePlaces: ["Test Friendship Centre"],
            reviewBy: DayDate(year: 2026, month: 7, day: 1))
    }

    static func service() -> Service {
        Service(
            name: "Test Healing Lodge", category: .indigenousHealing, provider: "Test Health Access",
            indigenousLed: true, culturallySpecific: true, languages: ["Anishinaabemowin", "English"], region: "Test North")
    }

    static func referral(child: ChildID, service: ServiceID, by worker: WorkerID) -> Referral {
        var review = CulturalSafetyReview(required: true, reviewer: worker)
        review.checklist[0].answer = .yes
        review.checklist[1].answer = .no
        review.checklist[1].comment = "Representative not yet reached"
        review.decision = .approved
        review.decidedAt = when
        return Referral(
            child: child, service: service, reason: "Wants ceremony support", priority: .urgent,
            consent: .init(state: .given, by: "youth", at: when), review: review, status: .readyToSend,
            createdBy: worker, createdAt: when,
            timeline: [
                Transition(from: .draft, to: .awaitingReview, by: worker, at: when),
                Transition(from: .awaitingReview, to: .readyToSend, by: worker, at: when.addingTimeInterval(60), note: "ok"),
            ])
    }

    static func appointment(child: ChildID) -> Appointment {
        Appointment(child: child, kind: .court, at: when.addingTimeInterval(86_400), place: "Test courthouse", note: "Bring file")
    }

    static func handover(child: ChildID, from: WorkerID, to: WorkerID) -> Handover {
        Handover(
            shiftStart: when, shiftEnd: when.addingTimeInterval(8 * 3600), outgoing: [from], incoming: [to],
            entries: [
                .init(
                    child: child, severity: .urgent, summary: "Missing overnight, found",
                    actions: [.init(text: "Debrief", owner: "Casey Protectiontest", due: when, done: false)],
                    contingencies: [.init(condition: "if she calls", response: "call the test officer")], pinned: true),
            ])
    }

    static func alertResponse(child: ChildID, by worker: WorkerID) -> AlertResponse {
        AlertResponse(alertID: "contact-overdue:\(child.rawValue)", child: child, since: when, kind: .acknowledged,
                      note: "Called the test group home", by: worker, at: when)
    }

    static func acknowledgement(handover: HandoverID, child: ChildID, by worker: WorkerID) -> HandoverAcknowledgement {
        HandoverAcknowledgement(handover: handover, child: child, by: worker, at: when, readBack: "debrief first thing")
    }

    static func link(child: ChildID, to other: ChildID, by worker: WorkerID) -> RecordLink {
        RecordLink(child: child, target: RecordRef(kind: .child, id: other.rawValue), note: "Seen together at the test mall",
                   source: "youth", createdBy: worker, createdAt: when)
    }

    static func worker() -> Worker {
        Worker(accountName: "no.login.testcase", displayName: "Nia Nologintest", role: .liaison, unit: "TST")
    }
}
