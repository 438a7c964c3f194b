import CareDomain
import Foundation

/// A fixed synthetic unit for the annual report, small enough to count by hand. Every name is
/// invented. The figures its records give for 2026 are worked out, case by case, in the
/// comments below and asserted in `UnitReportTests`.
///
/// Children (age on 1 January 2026, or on the day the case opened if later):
///
/// | child | born | opened | closed | age | identity | exploitation |
/// |---|---|---|---|---|---|---|
/// | c1–c5 | 2012-06-01 | 2026-02-01 | | 13 | First Nations | at risk |
/// | c6 | 2012-06-01 | 2026-02-01 | | 13 | First Nations + Métis | at risk |
/// | c7 | 2011-06-01 | 2026-03-01 | | 14 | not Indigenous | exiting |
/// | c8 | 2011-03-01 | 2026-03-01 | | 15 (birthday that day) | not Indigenous | exiting |
/// | c9–c11 | 2009-06-01 | 2026-03-01 | | 16 | not Indigenous | being exploited |
/// | c12 | 2009-06-01 | 2026-03-01 | | 16 | Inuk | being exploited |
/// | c13 | 2009-06-01 | 2026-03-01 | | 16 | not disclosed | being exploited |
/// | c14 | about 15 on 2025-09-01 | 2025-06-01 | | 15 | unknown | exiting |
/// | c17 | 2008-01-02 | 2024-05-01 | 2026-01-01 | 17 | no affiliation named (unknown) | exited |
/// | c15 | 2010-01-01 | 2025-01-01 | 2025-12-31 | not served in 2026 | | |
/// | c16 | 2012-01-01 | 2027-01-05 | | not served in 2026 | | |
///
/// Served: 15. Under 15: c1–c7 = 7 (15 and over: 8).
enum ReportUnit {
    static let zone = TimeZone(identifier: "UTC")!
    static let worker = WorkerID(rawValue: "w-report-cp")
    static let liaison = WorkerID(rawValue: "w-report-li")

    static func day(_ text: String) -> DayDate { DayDate(iso: text)! }

    /// `2026-03-01 10:00` in UTC.
    static func time(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    static let hour: TimeInterval = 3600
    static let dayLength: TimeInterval = 86_400

    static func child(
        _ n: Int, born: Birth, opened: String, closed: String? = nil, identity: IndigenousIdentity, status: ExploitationStatus
    ) -> Child {
        Child(
            id: ChildID(rawValue: "c\(n)"), caseNumber: CaseNumber(unit: "RPT", year: 2026, sequence: n),
            legalName: "Report Testchild \(n)", birth: born, indigenousIdentity: identity, riskLevel: .medium,
            exploitationStatus: status, team: Team(childProtection: worker), openedOn: day(opened),
            closure: closed.map { Closure(on: day($0), reason: "synthetic closure") })
    }

    static let firstNations = IndigenousIdentity.affiliations([Affiliation(group: .firstNations, community: "Sample Lake (fictional)")])

    static let children: [Child] = {
        var list: [Child] = []
        for n in 1...5 {
            list.append(child(n, born: .exact(day("2012-06-01")), opened: "2026-02-01", identity: firstNations, status: .atRisk))
        }
        list.append(child(6, born: .exact(day("2012-06-01")), opened: "2026-02-01", identity: .affiliations([
            Affiliation(group: .firstNations, community: "Sample Lake (fictional)"),
            Affiliation(group: .metis, community: "Example Settlement (fictional)"),
        ]), status: .atRisk))
        list.append(child(7, born: .exact(day("2011-06-01")), opened: "2026-03-01", identity: .notIndigenous, status: .exiting))
        list.append(child(8, born: .exact(day("2011-03-01")), opened: "2026-03-01", identity: .notIndigenous, status: .exiting))
        for n in 9...11 {
            list.append(child(n, born: .exact(day("2009-06-01")), opened: "2026-03-01", identity: .notIndigenous, status: .beingExploited))
        }
        list.append(child(12, born: .exact(day("2009-06-01")), opened: "2026-03-01",
                          identity: .affiliations([Affiliation(group: .inuk, community: "Demo Inlet (fictional)")]), status: .beingExploited))
        list.append(child(13, born: .exact(day("2009-06-01")), opened: "2026-03-01", identity: .notDisclosed, status: .beingExploited))
        list.append(child(14, born: .estimated(years: 15, asOf: day("2025-09-01")), opened: "2025-06-01", identity: .unknown, status: .exiting))
        list.append(child(15, born: .exact(day("2010-01-01")), opened: "2025-01-01", closed: "2025-12-31", identity: .notIndigenous, status: .exited))
        list.append(child(16, born: .exact(day("2012-01-01")), opened: "2027-01-05", identity: .notIndigenous, status: .atRisk))
        list.append(child(17, born: .exact(day("2008-01-02")), opened: "2024-05-01", closed: "2026-01-01", identity: .affiliations([]), status: .exited))
        return list
    }()

    static func id(_ n: Int) -> ChildID { ChildID(rawValue: "c\(n)") }

    static func episode(_ id: String, child: Int, lastSeen: String, reportedAfter: TimeInterval = hour, policeAfter: TimeInterval?, locatedAfter: TimeInterval?) -> MissingEpisode {
        let seen = time(lastSeen)
        return MissingEpisode(
            id: EpisodeID(rawValue: id), child: self.id(child), reportedMissingAt: seen.addingTimeInterval(reportedAfter), lastSeenAt: seen,
            lastSeenPlace: "Sample bus depot (fictional)",
            policeReport: policeAfter.map { .init(service: "Test Police (fictional)", occurrenceNumber: "TEST-\(id)", reportedAt: seen.addingTimeInterval($0)) },
            located: locatedAfter.map { .init(at: seen.addingTimeInterval($0), place: "Sample shelter (fictional)", returnedTo: "Demo home") })
    }

    /// Episodes reported in 2026: e1–e7, e9–e11 = 10.
    /// Police within 2 h of last seen: e1 (1.5 h), e2 (exactly 2 h), e5, e6, e7 = 5 of 10 (50%).
    /// Ended, hours missing: 6, 10, 24, 2, 48, 30, 4, 8, 12 → sorted 2 4 6 8 10 12 24 30 48, median 10.
    /// e7 is still open; e8 was reported in 2025.
    static let episodes: [MissingEpisode] = [
        episode("e1", child: 1, lastSeen: "2026-03-01 10:00", policeAfter: 1.5 * hour, locatedAfter: 6 * hour),
        episode("e2", child: 2, lastSeen: "2026-04-01 08:00", policeAfter: 2 * hour, locatedAfter: 10 * hour),
        episode("e3", child: 3, lastSeen: "2026-05-01 00:00", policeAfter: 3 * hour, locatedAfter: 24 * hour),
        episode("e4", child: 4, lastSeen: "2026-06-01 12:00", policeAfter: nil, locatedAfter: 2 * hour),
        episode("e5", child: 9, lastSeen: "2026-07-01 20:00", policeAfter: 0.5 * hour, locatedAfter: 48 * hour),
        episode("e6", child: 10, lastSeen: "2026-08-01 20:00", policeAfter: 1 * hour, locatedAfter: 30 * hour),
        episode("e7", child: 11, lastSeen: "2026-12-31 22:00", policeAfter: 1 * hour, locatedAfter: nil),
        episode("e8", child: 1, lastSeen: "2025-12-31 22:00", reportedAfter: 1.5 * hour, policeAfter: 1 * hour, locatedAfter: 4 * hour),
        episode("e9", child: 12, lastSeen: "2026-09-01 10:00", policeAfter: 5 * hour, locatedAfter: 4 * hour),
        episode("e10", child: 13, lastSeen: "2026-10-01 10:00", policeAfter: nil, locatedAfter: 8 * hour),
        episode("e11", child: 5, lastSeen: "2026-11-01 10:00", policeAfter: nil, locatedAfter: 12 * hour),
    ]

    static let counselling = Service(id: ServiceID(rawValue: "s-counsel"), name: "Sample Counselling (fictional)", category: .counselling,
                                     provider: "Example Provider", region: "Test region")
    static let elder = Service(id: ServiceID(rawValue: "s-elder"), name: "Sample Elder Program (fictional)", category: .elder,
                               provider: "Example Nation (fictional)", indigenousLed: true, culturallySpecific: true, region: "Test region")
    static let housing = Service(id: ServiceID(rawValue: "s-housing"), name: "Sample Housing (fictional)", category: .housing,
                                 provider: "Example Housing", region: "Test region")
    static let services = [counselling, elder, housing]

    /// A referral created at `created`, sent `sentAfterDays` later when it was, then moved on
    /// to `status`.
    static func referral(
        _ id: String, child: Int, service: Service, created: String, sentAfterDays: Double?, status: Referral.Status,
        review: Bool, decision: CulturalSafetyReview.Decision? = nil, bySupervisor: Bool = false
    ) -> Referral {
        let createdAt = time(created)
        var timeline: [Transition] = []
        if let sentAfterDays {
            let sentAt = createdAt.addingTimeInterval(sentAfterDays * dayLength)
            timeline.append(Transition(from: .readyToSend, to: .sent, by: worker, at: sentAt))
            if status != .sent { timeline.append(Transition(from: .sent, to: status, by: worker, at: sentAt.addingTimeInterval(dayLength))) }
        } else if status != .draft {
            timeline.append(Transition(from: .draft, to: status, by: worker, at: createdAt.addingTimeInterval(dayLength)))
        }
        return Referral(
            id: ReferralID(rawValue: id), child: self.id(child), service: service.id, reason: "synthetic reason",
            review: CulturalSafetyReview(required: review, requiredBySupervisor: bySupervisor, reviewer: decision == nil ? nil : liaison,
                                         decision: decision, decidedAt: decision == nil ? nil : createdAt),
            status: status, createdBy: worker, createdAt: createdAt, timeline: timeline)
    }

    /// Referrals made in 2026: r1–r11 and r13 = 12 (r12 was made in 2025).
    /// Outcomes: sent r1 r2 r4 r9 r13 = 5; draft r3 r8 = 2; accepted r5, completed r6, declined r7,
    /// awaiting review r10, withdrawn r11 = 1 each.
    /// Categories: counselling r1 r2 r8 r9 r13 = 5; Elder r3 r4 r5 r10 = 4; housing r6 r7 r11 = 3.
    /// Needing review: r1 r2 r3 r4 r5 r9 r10 r13 = 8; reviewed by a liaison (approved or
    /// returned): r1 r2 r3 r5 r9 r13 = 6, so 2 were not (r4 overridden, r10 waiting).
    /// Days draft to sent: 3 5 1 2 10 4 7 6 → sorted 1 2 3 4 5 6 7 10, median 4.5.
    static let referrals: [Referral] = [
        referral("r1", child: 1, service: counselling, created: "2026-02-10 00:00", sentAfterDays: 3, status: .sent, review: true, decision: .approved),
        referral("r2", child: 2, service: counselling, created: "2026-03-01 00:00", sentAfterDays: 5, status: .sent, review: true, decision: .approved),
        referral("r3", child: 3, service: elder, created: "2026-03-05 00:00", sentAfterDays: nil, status: .draft, review: true, decision: .returned),
        referral("r4", child: 4, service: elder, created: "2026-04-01 00:00", sentAfterDays: 1, status: .sent, review: true, decision: .overridden),
        referral("r5", child: 5, service: elder, created: "2026-04-10 00:00", sentAfterDays: 2, status: .accepted, review: true, decision: .approved),
        referral("r6", child: 7, service: housing, created: "2026-05-01 00:00", sentAfterDays: 10, status: .completed, review: false),
        referral("r7", child: 8, service: housing, created: "2026-05-02 00:00", sentAfterDays: 4, status: .declined, review: false),
        referral("r8", child: 9, service: counselling, created: "2026-06-01 00:00", sentAfterDays: nil, status: .draft, review: false),
        referral("r9", child: 6, service: counselling, created: "2026-06-15 00:00", sentAfterDays: 7, status: .sent, review: true, decision: .approved),
        referral("r10", child: 12, service: elder, created: "2026-07-01 00:00", sentAfterDays: nil, status: .awaitingReview, review: true),
        referral("r11", child: 13, service: housing, created: "2026-08-01 00:00", sentAfterDays: nil, status: .withdrawn, review: false),
        referral("r12", child: 1, service: counselling, created: "2025-12-01 00:00", sentAfterDays: 2, status: .sent, review: true, decision: .approved),
        referral("r13", child: 14, service: counselling, created: "2026-09-01 00:00", sentAfterDays: 6, status: .sent, review: true,
                 decision: .approved, bySupervisor: true),
    ]

    /// Contacts in 2026 with children served: c1 3, c2 2, c9 4, c10 1, c14 2 = 12; the rest of
    /// the 15 have none, so per child the median is 0 and the average 12 / 15 = 0.8. One contact
    /// in 2025 (c1) and one with c16 (not served) do not count.
    static let contacts: [ContactStamp] = {
        var stamps: [ContactStamp] = []
        func add(_ child: Int, _ count: Int, from start: String) {
            for n in 0..<count { stamps.append(ContactStamp(child: id(child), at: time(start).addingTimeInterval(Double(n) * dayLength))) }
        }
        add(1, 3, from: "2026-02-02 09:00")
        add(2, 2, from: "2026-02-02 09:00")
        add(9, 4, from: "2026-03-02 09:00")
        add(10, 1, from: "2026-03-02 09:00")
        add(14, 2, from: "2026-01-05 09:00")
        add(1, 1, from: "2025-12-30 09:00")
        add(16, 1, from: "2026-06-01 09:00")
        return stamps
    }()

    static var figures: UnitFigures {
        UnitFigures(year: 2026, unit: "RPT", zone: zone, children: children, episodes: episodes, referrals: referrals,
                    services: services, contacts: contacts)
    }
}
