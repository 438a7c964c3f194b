import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The smaller defects of issue 21 ("the worker's loop, third pass") that have no suite of their
/// own; the others are beside the behaviour they fix (ReferralScenarioTests: the new referral's
/// cursor and the consent form's service; ReferralQueueScreenTests: the police's verbs and the
/// status form's service; SelectedRowBadgeTests; DraftTests: the question's hint line).
@MainActor
@Suite struct WorkerLoopThirdPassTests {
    /// A 13-year-old could keep "youth agreement (16–17)".
    @Test func aYouthAgreementIsOnlyFor16And17YearOlds() throws {
        let h = try Harness()
        let child = try h.select { $0.age < 16 && $0.age >= 12 }
        h.press(.enter, .char("e"))
        #expect(h.formOpen)
        for _ in 0..<40 where h.form?.focusedField?.id != "careStatus" { h.press(.tab) }
        #expect(h.form?.focusedField?.id == "careStatus")
        h.press(.char("y"))
        #expect(h.formValue("careStatus") == CareStatus.youthAgreement.rawValue)
        h.press(.ctrl("s"))
        #expect(h.formOpen, "not saved")
        #expect(h.screen.contains("A youth agreement is for youth of 16 and 17; this youth is \(child.age(on: h.app.state.today))."))
        #expect(h.record(of: child.id)?.careStatus == child.careStatus)
        var sixteen = child
        sixteen.birth = .estimated(years: 16, asOf: h.app.state.today)
        sixteen.careStatus = .youthAgreement
        #expect(!ChildRules.problems(sixteen, today: h.app.state.today).contains { $0.field == .careStatus })
    }

    /// The form on an open episode did not say when the child went missing.
    @Test func theMissingEpisodeFormSaysWhenTheChildWentMissing() throws {
        let h = try Harness()
        _ = try h.select { $0.whereabouts.isMissing }
        let child = try #require(h.dashboard.selectedChild)
        let episode = try #require(h.dashboard.snapshot.openEpisode(of: child.id))
        h.press(.char("m"))
        #expect(h.form?.form is MissingEpisodeForm)
        let seen = TimeText.format(episode.lastSeenAt, zone: .gmt)
        #expect(h.screen.contains("Missing since \(seen) — \(child.displayName)"), "\(h.screen)")
    }

    /// At 120×32 the caseload had no case-number column and cut names at 16 letters: two
    /// "Rowan Échantillon" rows differed only by age. Each row now carries its case number's
    /// sequence, and a 17-letter name whole.
    @Test func eachCaseloadRowAt120ColumnsSaysWhichCaseItIs() throws {
        let h = try Harness()
        h.press(.home)
        for index in 0..<12 {
            let row = h.rows[index]
            let line = try #require(h.selectedCaseloadRow)
            let sequence = String(row.caseNumber.description.split(separator: "-").last!)
            #expect(line.contains(" \(sequence) "), "\(line)")
            if row.displayName.count <= 17 { #expect(line.contains(row.displayName), "\(line)") }
            h.press(.down)
        }
    }

    /// Masked, the referral queue cut the case number ("R.É. KEN-2026-00…") and two children
    /// both read "R.É."; the child pane's head said the case number twice.
    @Test func maskedTheCaseNumberComesFirstAndOnce() throws {
        let h = try Harness()
        h.press(.char("M"))
        #expect(h.dashboard.masked)
        for referral in h.dashboard.queue.prefix(3) {
            let child = try #require(h.dashboard.child(referral.child))
            #expect(h.screen.contains("\(child.caseNumber) \(child.initials)"), "\(h.screen)")
        }
        let child = try #require(h.dashboard.selectedChild)
        h.press(.enter)
        let head = try #require(h.line(containing: "\(child.caseNumber) \(child.initials)"))
        #expect(head.components(separatedBy: child.caseNumber.description).count == 2, "once: \(head)")
    }

    /// The record's identity lines (communities, representatives, placement) were cut to the
    /// pane with no way to read them whole: they are an item the reader opens.
    @Test func theRecordsIdentityOpensWholeInTheReader() throws {
        let h = try Harness()
        let child = try h.select { _ in true }
        h.press(.enter)
        #expect(h.detailOpen)
        h.press(.char("2"))
        for _ in 0..<40 where h.dashboard.recordItem != .profile { h.press(.down) }
        #expect(h.dashboard.recordItem == .profile)
        h.press(.enter)
        let reader = try #require(h.front as? ReaderScreen)
        #expect(reader.document.title.hasPrefix("Profile — "))
        #expect(reader.document.paragraphs.contains("Legal name: \(child.legalName)" + (child.preferredName.isEmpty ? "" : " · goes by \(child.preferredName)")))
        for affiliation in child.indigenousIdentity.affiliations where !affiliation.representativeContact.isEmpty {
            #expect(reader.document.paragraphs.contains { $0.contains("representative: \(affiliation.representativeContact)") })
        }
    }
}
