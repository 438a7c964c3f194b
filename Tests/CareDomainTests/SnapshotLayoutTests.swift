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
        Budget(Referral.self, 224),  // 240; 208 when a `WorkerID?` took 16 bytes (a string's spare bits held nil), 224 with the 17 of two 64-bit halves and a tag
        Budget(Referral.Consent.self, 56),  // 56; 48 with a string id
        Budget(CulturalSafetyReview.self, 64),  // 72; 56 with a string id
        Budget(MissingEpisode.self, 288),  // 280 with a string id
        Budget(Appointment.self, 88),
        Budget(OpenIndicator.self, 40),  // 56
        Budget(SafetyPlanSummary.self, 4),  // 24
        Budget(CaseNumber.self, 24),  // 32
        Budget(Birth.self, 16),  // 40
        Budget(Whereabouts.self, 32),
        Budget(Team.self, 48),  // 72 with three `WorkerID?` of 17 bytes each: kept packed (`PackedOptionalID`)
        Budget(CaseloadRow.self, 224),  // 232 when it kept a list of the team and of the communities; 248 with the team inline and the old order
        Budget(DayDate.self, 4),  // 24
        Budget(DayDate?.self, 8),  // 32
    ]

    @Test(arguments: budgets)
    func staysWithinItsBudget(_ budget: Budget) {
        #expect(budget.stride <= budget.bytes, "\(budget.type) is \(budget.stride) bytes a value")
    }

    /// A case number's year and sequence are 32-bit: every number that parses keeps its parts
    /// (nine digits of sequence at most), and one made from integers past them is clamped.
    @Test func aCaseNumberKeepsEveryPartThatParsesAndClampsTheRest() throws {
        for text in ["KEN-2026-0042", "TSTAB-9999-999999999", "TS-1999-0000", "KEN-2026-10000"] {
            let number = try #require(CaseNumber(text))
            #expect(number.description == text)
            #expect(CaseNumber(unit: number.unit, year: number.year, sequence: number.sequence) == number)
        }
        let nine = try #require(CaseNumber("KEN-2026-999999999"))
        #expect((nine.year, nine.sequence) == (2026, 999_999_999))
        #expect(CaseNumber("KEN-2026-0042")! < nine && CaseNumber("KEN-2025-999999999")! < CaseNumber("KEN-2026-0001")!)
        let damaged = CaseNumber(unit: "TST", year: Int.max, sequence: Int.min)
        #expect((damaged.year, damaged.sequence) == (Int(Int32.max), Int(Int32.min)))
    }
}
