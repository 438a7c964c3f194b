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
