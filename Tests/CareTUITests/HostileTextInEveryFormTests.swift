import CareDomain
@testable import CareTUI
import CareTestFixtures
import Foundation
import Testing
import TextUI

/// The forms `HostileTextInFormsTests` does not reach by keys from the caseload (referrals,
/// consent, the review's steps, services, debrief, resolving, the handover's cards): each is put
/// in front as its key would put it, and the corpus goes into every text field, pasted and
/// typed. Nothing crashes, no frame carries a forbidden scalar or a cell of the wrong width, and
/// whatever is saved is the sanitized text.
@MainActor
@Suite struct HostileTextInEveryFormTests {
    struct Opening: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable @MainActor (Harness) throws -> any CaseForm
        var testDescription: String { name }

        @MainActor static func referral(_ h: Harness) throws -> Referral {
            try #require(h.dashboard.snapshot.referrals.first { $0.status == .awaitingReview })
        }

        @MainActor static func handover(_ h: Harness) throws -> Handover {
            try #require(h.dashboard.lastHandover?.handover, "the demo saved a handover")
        }

        static let all: [Opening] = [
            Opening(name: "missing report") { h in MissingReportForm(child: try #require(h.dashboard.selectedChild).id) },
            Opening(name: "debrief") { h in
                let episode = try #require(h.dashboard.snapshot.episodes.values.joined().first { !$0.isOpen })
                return DebriefForm(episode: episode)
            },
            Opening(name: "resolve indicator") { h in
                let (child, indicators) = try #require(h.dashboard.snapshot.openIndicators.first { !$0.value.isEmpty })
                return ResolveIndicatorForm(child: child, open: indicators)
            },
            Opening(name: "remove flag") { h in
                RemoveFlagForm(child: try #require(h.dashboard.snapshot.children.first { !$0.activeFlags.isEmpty }))
            },
            Opening(name: "new referral") { h in
                NewReferralForm(child: try #require(h.dashboard.selectedChild), service: try #require(h.dashboard.snapshot.services.first))
            },
            Opening(name: "referral edit") { h in ReferralEditForm(referral: try referral(h)) },
            Opening(name: "consent") { h in ConsentForm(referral: try referral(h)) },
            Opening(name: "return referral") { h in ReferralStepForm(referral: try referral(h), kind: .giveBack) },
            Opening(name: "withdraw referral") { h in ReferralStepForm(referral: try referral(h), kind: .withdraw) },
            Opening(name: "override review") { h in ReferralStepForm(referral: try referral(h), kind: .override) },
            Opening(name: "new service") { _ in ServiceForm(service: nil) },
            Opening(name: "handover card") { h in
                let handover = try handover(h)
                return HandoverCardForm(handover: handover, child: try #require(handover.entries.first).child)
            },
            Opening(name: "acknowledge card") { h in
                let handover = try handover(h)
                return AcknowledgeCardForm(handover: handover.id, child: try #require(handover.entries.first).child)
            },
            Opening(name: "person of interest") { _ in PersonForm(person: nil) },
            Opening(name: "place of concern") { _ in PlaceForm(place: nil) },
            Opening(name: "investigation link") { h in
                let person = try #require(h.database.allRecords(PersonOfInterest.self).first)
                return InvestigationLinkForm(child: try #require(h.dashboard.selectedChild).id, target: .person(person.id), targetName: person.name)
            },
            Opening(name: "lead") { h in LeadForm(child: try #require(h.dashboard.selectedChild).id) },
        ]
    }

    @Test(arguments: Opening.all)
    func everyTextFieldCleansTheCorpus(_ opening: Opening) throws {
        let corpus = HostileCorpus.shared
        let h = try Harness(user: "demo-supervisor")
        _ = try h.select { !$0.isMissing }
        let form = try opening.make(h)
        let screen = FormScreen(id: h.app.state.takeScreenID(), form: form, context: h.app.state.env.formContext)
        h.app.state.screens.append(screen)
        h.tick()
        let filled = HostileTextInFormsTests.fillEveryTextField(h, with: corpus, in: opening.name)
        #expect(filled > 0, "\(opening.name) has a text field")

        h.press(.ctrl("s"))
        if h.front is QuestionScreen { h.answerYes() }
        #expect(HostileTextInFormsTests.problems(in: h.terminal.screen).isEmpty)
        // Saved or refused in words, the records hold only sanitized text.
        var stored = try HostileTextInFormsTests.strings(in: h.dashboard.snapshot.referrals)
        stored += try HostileTextInFormsTests.strings(in: h.dashboard.snapshot.services)
        stored += try HostileTextInFormsTests.strings(in: h.dashboard.snapshot.children)
        stored += try HostileTextInFormsTests.strings(in: Array(h.dashboard.snapshot.episodes.values.joined()))
        if let detail = h.dashboard.detail {
            stored += try HostileTextInFormsTests.strings(in: detail.indicators)
            stored += try HostileTextInFormsTests.strings(in: detail.child)
        }
        stored += try HostileTextInFormsTests.strings(in: h.database.allRecords(PersonOfInterest.self))
        stored += try HostileTextInFormsTests.strings(in: h.database.allRecords(PlaceOfConcern.self))
        stored += try HostileTextInFormsTests.strings(in: h.database.allRecords(InvestigationLink.self))
        stored += try HostileTextInFormsTests.strings(in: h.database.allRecords(Lead.self))
        if let handover = h.dashboard.lastHandover {
            stored += try HostileTextInFormsTests.strings(in: handover.handover)
            stored += try HostileTextInFormsTests.strings(in: handover.acknowledgements)
        }
        for text in stored {
            #expect(Sanitizer.isClean(text, multiline: true), "\(opening.name): stored \(text.unicodeScalars.prefix(40).map { String($0.value, radix: 16) })")
        }
    }
}
