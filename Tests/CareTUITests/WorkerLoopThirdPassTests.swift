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
}
