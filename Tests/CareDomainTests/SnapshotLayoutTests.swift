import CareDomain
import Foundation
import Testing

/// The caseload holds every child's summary, indicators, episodes, referrals and appointments at
/// once (50,000 children's), in arrays of their inline width: each type's stride is held to what
/// it was measured at once its fields were packed, so a field that widens one (three `Int`s for
/// a date, a large optional that is usually nil, a byte between two words) fails here first and
/// is a decision, not an accident. Figures before and after in docs/benchmarks.md.
@Suite struct SnapshotLayoutTests {
    struct Budget: Sendable, CustomTestStringConvertible {
        let type: String
        let stride: Int
        /// The most it may take; the stride it was measured at.
        let bytes: Int

        init<T>(_: T.Type, _ bytes: Int) {
            type = "\(T.self)"
            stride = MemoryLayout<T>.stride
            self.bytes = bytes
        }

        var testDescription: String { "\(type) within \(bytes) bytes" }
    }

    static let budgets = [
        Budget(ChildSummary.self, 272),  // 360 with three-`Int` dates and the fields in their old order
        Budget(Referral.self, 208),  // 240
        Budget(Referral.Consent.self, 48),  // 56
        Budget(CulturalSafetyReview.self, 56),  // 72
        Budget(MissingEpisode.self, 280),
        Budget(Appointment.self, 88),
        Budget(OpenIndicator.self, 40),  // 56
        Budget(SafetyPlanSummary.self, 4),  // 24
        Budget(CaseNumber.self, 24),  // 32
        Budget(Birth.self, 16),  // 40
        Budget(Whereabouts.self, 32),
        Budget(Team.self, 48),
        Budget(DayDate.self, 4),  // 24
        Budget(DayDate?.self, 8),  // 32
    ]

    @Test(arguments: budgets)
    func staysWithinItsBudget(_ budget: Budget) {
        #expect(budget.stride <= budget.bytes, "\(budget.type) is \(budget.stride) bytes a value")
    }
}
