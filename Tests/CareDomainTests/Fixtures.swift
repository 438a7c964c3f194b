import Foundation
@testable import CareDomain

/// Small synthetic builders shared by the CareDomain tests. All names are invented.
enum Fixture {
    static let minute: TimeInterval = 60
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    /// 2026-11-23 12:00 UTC.
    static let now = DayDate(year: 2026, month: 11, day: 23).startOfDay(in: .gmt)!.addingTimeInterval(12 * hour)
    static let today = DayDate(year: 2026, month: 11, day: 23)

    static let cp = Worker(id: WorkerID(rawValue: "w-cp"), accountName: "t-cp", displayName: "Alex Testworker", role: .childProtection, unit: "TST")
    static let police = Worker(id: WorkerID(rawValue: "w-po"), accountName: "t-po", displayName: "Morgan Constable-Example", role: .police, unit: "TST")
    static let liaison = Worker(id: WorkerID(rawValue: "w-li"), accountName: "t-li", displayName: "Robin Liaison-Sample", role: .liaison, unit: "TST")
    static let supervisor = Worker(id: WorkerID(rawValue: "w-su"), accountName: "t-su", displayName: "Casey Supervisor-Demo", role: .supervisor, unit: "TST")
    static let workers = [cp, police, liaison, supervisor]

    static func worker(_ role: Role) -> Worker { workers.first { $0.role == role }! }

    static func child(
        _ n: Int, name: String = "Tess Testcase", preferred: String = "", risk: RiskLevel = .medium,
        identity: IndigenousIdentity = .notIndigenous, born: DayDate = DayDate(year: 2011, month: 5, day: 5),
        team: Team = Team(childProtection: cp.id), opened: DayDate = DayDate(year: 2026, month: 1, day: 10),
        closure: Closure? = nil, flags: [Flag] = []
    ) -> Child {
        Child(
            id: ChildID(rawValue: "c\(n)"), caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: n),
            legalName: name, preferredName: preferred, birth: .exact(born), indigenousIdentity: identity,
            riskLevel: risk, team: team, openedOn: opened, closure: closure, flags: flags
        )
    }

    static func service(_ category: Service.Category = .counselling, culturallySpecific: Bool = false, id: String = "s1") -> Service {
        Service(id: ServiceID(rawValue: id), name: "Sample Service (test)", category: category, provider: "Example Provider (test)",
                culturallySpecific: culturallySpecific, region: "Test region")
    }

    static func episode(
        _ child: Child, lastSeen: Date, reported: Date? = nil, police: Bool = false, located: Date? = nil, debriefed: Bool = false, id: String = "e1"
    ) -> MissingEpisode {
        MissingEpisode(
            id: EpisodeID(rawValue: id), child: child.id, reportedMissingAt: reported ?? lastSeen, lastSeenAt: lastSeen,
            lastSeenPlace: "Testville bus depot (fictional)",
            policeReport: police ? .init(service: "Test Police (fictional)", occurrenceNumber: "TEST-0001", reportedAt: lastSeen) : nil,
            located: located.map { .init(at: $0, place: "Sample shelter (fictional)", returnedTo: "Demo Group Home A") },
            debrief: debriefed ? .init(on: located ?? lastSeen, by: cp.id) : nil
        )
    }

    static func referral(_ child: Child, _ service: Service, status: Referral.Status = .draft, since: Date = now, consent: Referral.Consent.State = .given, id: String = "r1") -> Referral {
        var referral = Referral(id: ReferralID(rawValue: id), child: child.id, service: service.id, reason: "Test reason",
                                consent: .init(state: consent, by: "youth (test)", at: since),
                                status: status, createdBy: cp.id, createdAt: since)
        if status != .draft {
            referral.timeline = [Transition(from: .draft, to: status, by: cp.id, at: since)]
        }
        return referral
    }
}
