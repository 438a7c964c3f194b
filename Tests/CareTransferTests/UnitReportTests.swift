import CareDomain
import Foundation
import Testing

/// The annual report of `ReportUnit`, whose figures are counted by hand in that file's comments.
@Suite struct UnitReportTests {
    let figures = ReportUnit.figures

    @Test func childrenServedByAgeIdentityAndStatusMatchTheHandCount() {
        #expect(figures.childrenServed == 15)
        #expect(figures.under15 == 7)
        #expect(figures.byAge == [.age13: 6, .age14: 1, .age15: 2, .age16: 5, .age17: 1])
        #expect(figures.byIdentity == [.firstNations: 6, .metis: 1, .inuk: 1, .notIndigenous: 5, .notDisclosed: 1, .unknown: 2])
        #expect(figures.byExploitation == [.atRisk: 6, .exiting: 3, .beingExploited: 5, .exited: 1])
    }

    @Test func missingEpisodesMatchTheHandCount() {
        #expect(figures.missingEpisodes == 10)
        #expect(figures.reportedToPoliceWithin2h == 5)
        #expect(figures.hoursMissing.sorted() == [2, 4, 6, 8, 10, 12, 24, 30, 48])
    }

    @Test func referralsAndContactsMatchTheHandCount() {
        #expect(figures.referrals == 12)
        #expect(figures.referralsByOutcome == [.sent: 5, .draft: 2, .accepted: 1, .completed: 1, .declined: 1, .awaitingReview: 1, .withdrawn: 1])
        #expect(figures.referralsByCategory == [.counselling: 5, .elder: 4, .housing: 3])
        #expect(figures.culturallySafeReferrals == 8)
        #expect(figures.reviewedByLiaison == 6)
        #expect(figures.daysDraftToSent.sorted() == [1, 2, 3, 4, 5, 6, 7, 10])
        #expect(figures.contacts == 12)
        #expect(figures.contactsPerChild.sorted() == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 4])
    }

    @Test func publishedValuesAreTheFiguresWithSmallCountsSuppressed() throws {
        let report = UnitReport(figures)
        func value(_ section: String, _ label: String) throws -> String {
            let found = report.sections.first { $0.title == section }?.rows.first { $0.label == label }
            return try #require(found, "\(section) / \(label)").value.text
        }
        #expect(try value("Children and youth served", "children and youth served") == "15")
        #expect(try value("Children and youth served", "under 15") == "7")
        #expect(try value("By age", "13") == "6")
        #expect(try value("By age", "16") == "5")
        #expect(try value("By age", "14") == "<5")
        #expect(try value("By age", "under 12") == "<5")
        #expect(try value("By Indigenous identity", "First Nations") == "6")
        #expect(try value("By Indigenous identity", "not Indigenous") == "5")
        #expect(try value("By Indigenous identity", "Métis") == "<5")
        #expect(try value("By exploitation status", "at risk") == "6")
        #expect(try value("By exploitation status", "exiting") == "<5")
        #expect(try value("Missing episodes", "episodes") == "10")
        #expect(try value("Missing episodes", "median time missing") == "10.0 hours")
        #expect(try value("Missing episodes", "reported to police within 2 h") == "50%")
        #expect(try value("Referrals by outcome", "sent") == "5")
        #expect(try value("Referrals by outcome", "draft") == "<5")
        #expect(try value("Referrals by service category", "counselling") == "5")
        #expect(try value("Referrals by service category", "Elder or knowledge keeper") == "<5")
        #expect(try value("Culturally safe referrals", "referrals made") == "12")
        #expect(try value("Culturally safe referrals", "needing a cultural-safety review") == "8")
        // 6 of 8: the 2 not reviewed by a liaison would be a count under 5.
        #expect(try value("Culturally safe referrals", "reviewed by a liaison") == "not reported (fewer than 5)")
        #expect(try value("Culturally safe referrals", "median time from draft to sent") == "4.5 days")
        #expect(try value("Contacts", "contacts logged") == "12")
        #expect(try value("Contacts", "average per child") == "0.8 per child")
        #expect(try value("Contacts", "median per child") == "0.0 per child")
    }

    @Test func noPublishedCountIsUnderFive() {
        let report = UnitReport(figures)
        let counts = report.sections.flatMap(\.rows).compactMap(\.value.count)
        #expect(!counts.isEmpty)
        #expect(counts.allSatisfy { $0 >= UnitReport.threshold })
    }

    @Test func aSingleSuppressedRowOfABreakdownTakesTheNextSmallestWithIt() {
        // 3 alone could be worked out as the total (20) less 10 and 7.
        let rows = UnitReport.breakdown([("a", 10), ("b", 7), ("c", 3)])
        #expect(rows.map(\.value.text) == ["10", "<5", "<5"])
        // Two suppressed rows are enough on their own.
        #expect(UnitReport.breakdown([("a", 10), ("b", 2), ("c", 3)]).map(\.value.text) == ["10", "<5", "<5"])
    }

    @Test func under15IsSuppressedWhenTheRestWouldBeUnderFive() {
        var small = figures
        small.childrenServed = 12
        small.under15 = 9
        let row = UnitReport(small).sections[0].rows[1]
        #expect(row.label == "under 15")
        #expect(row.value == .suppressed)
    }
}
