import Foundation

/// The figures a ministry report quotes for one calendar year, counted from a unit's records
/// exactly as they are: nothing here is suppressed yet (`UnitReport` does that before anything
/// leaves the unit). Each figure's rule is in its comment and in `docs/user-guide.md`.
public struct UnitFigures: Sendable, Equatable {
    public var year: Int
    public var unit: String

    /// Children whose case was open on at least one day of the year: opened on or before
    /// 31 December and not closed before 1 January.
    public var childrenServed: Int
    /// Of those, how many were under 15 on the day their service in the year began (1 January,
    /// or the day the case opened if later). An estimated age counts from its estimate.
    public var under15: Int
    /// Children served by age on that same day.
    public var byAge: [AgeBand: Int]
    /// Children served by Indigenous identity. A youth who names First Nations and Métis
    /// affiliations counts in both, so these may add up to more than `childrenServed`.
    public var byIdentity: [IdentityGroup: Int]
    /// Children served by exploitation status as recorded when the report is made.
    public var byExploitation: [ExploitationStatus: Int]

    /// Missing episodes reported in the year.
    public var missingEpisodes: Int
    /// Hours from last seen to located, of the year's episodes that have ended.
    public var hoursMissing: [Double]
    /// Episodes with a police report recorded within two hours of the child last being seen
    /// (the same two hours after which the "police not told" alert fires).
    public var reportedToPoliceWithin2h: Int

    /// Referrals created in the year, by their status now (their outcome so far).
    public var referralsByOutcome: [Referral.Status: Int]
    /// Referrals created in the year, by the category of the service they are to.
    public var referralsByCategory: [Service.Category: Int]
    /// Referrals of the year that needed a cultural-safety review (the child is Indigenous, the
    /// service is culturally specific, or a supervisor asked for one).
    public var culturallySafeReferrals: Int
    /// Of those, how many a liaison reviewed (approved or returned; a supervisor's override is
    /// not a liaison's review).
    public var reviewedByLiaison: Int
    /// Days from creation (draft) to the first time each referral of the year was sent.
    public var daysDraftToSent: [Double]

    /// Contacts logged in the year about children served, and how many each child served had.
    public var contacts: Int
    public var contactsPerChild: [Int]

    public var referrals: Int { referralsByOutcome.values.reduce(0, +) }

    /// Age bands of the report: under 12, each year from 12 to 17, 18 and over.
    public enum AgeBand: Int, Sendable, CaseIterable, Comparable {
        case under12 = 11, age12 = 12, age13, age14, age15, age16, age17, age18Plus = 18

        public init(age: Int) {
            self = age < 12 ? .under12 : age >= 18 ? .age18Plus : AgeBand(rawValue: age)!
        }

        public var label: String {
            switch self {
            case .under12: "under 12"
            case .age18Plus: "18 and over"
            default: String(rawValue)
            }
        }

        public static func < (lhs: AgeBand, rhs: AgeBand) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Identity as the report groups it.
    public enum IdentityGroup: String, Sendable, CaseIterable {
        case firstNations = "First Nations"
        case inuk = "Inuk"
        case metis = "Métis"
        case notIndigenous = "not Indigenous"
        case notDisclosed = "not disclosed"
        case unknown

        static func of(_ identity: IndigenousIdentity) -> Set<IdentityGroup> {
            switch identity {
            case .affiliations(let list) where list.isEmpty: [.unknown]
            case .affiliations(let list):
                Set(list.map { affiliation in
                    switch affiliation.group {
                    case .firstNations: .firstNations
                    case .inuk: .inuk
                    case .metis: .metis
                    }
                })
            case .notIndigenous: [.notIndigenous]
            case .notDisclosed: [.notDisclosed]
            case .unknown: [.unknown]
            }
        }
    }
}

extension UnitFigures {
    /// Counts the figures of `year` (a calendar year in `zone`, the unit's) from the records.
    /// `now` decides which episodes have not ended yet.
    public init(
        year: Int, unit: String, zone: TimeZone, children: [Child], episodes: [MissingEpisode], referrals: [Referral],
        services: [Service], contacts: [ContactStamp]
    ) {
        self.year = year
        self.unit = unit
        let first = DayDate(year: year, month: 1, day: 1)
        let last = DayDate(year: year, month: 12, day: 31)
        let start = first.startOfDay(in: zone)!
        let end = DayDate(year: year + 1, month: 1, day: 1).startOfDay(in: zone)!
        func inYear(_ date: Date) -> Bool { date >= start && date < end }

        let served = children.filter { $0.openedOn <= last && ($0.closure.map { $0.on >= first } ?? true) }
        let servedIDs = Set(served.map(\.id))
        childrenServed = served.count
        byAge = [:]
        byIdentity = [:]
        byExploitation = [:]
        under15 = 0
        for child in served {
            let age = child.age(on: max(first, child.openedOn))
            if age < 15 { under15 += 1 }
            byAge[AgeBand(age: age), default: 0] += 1
            for group in IdentityGroup.of(child.indigenousIdentity) { byIdentity[group, default: 0] += 1 }
            byExploitation[child.exploitationStatus, default: 0] += 1
        }

        let yearEpisodes = episodes.filter { inYear($0.reportedMissingAt) && servedIDs.contains($0.child) }
        missingEpisodes = yearEpisodes.count
        hoursMissing = yearEpisodes.compactMap { episode in
            episode.located.map { $0.at.timeIntervalSince(episode.lastSeenAt) / 3600 }
        }
        reportedToPoliceWithin2h = yearEpisodes.filter { episode in
            guard let report = episode.policeReport else { return false }
            return report.reportedAt.timeIntervalSince(episode.lastSeenAt) <= 2 * 3600
        }.count

        let categories = Dictionary(services.map { ($0.id, $0.category) }, uniquingKeysWith: { first, _ in first })
        let yearReferrals = referrals.filter { inYear($0.createdAt) && servedIDs.contains($0.child) }
        referralsByOutcome = [:]
        referralsByCategory = [:]
        culturallySafeReferrals = 0
        reviewedByLiaison = 0
        daysDraftToSent = []
        for referral in yearReferrals {
            referralsByOutcome[referral.status, default: 0] += 1
            if let category = categories[referral.service] { referralsByCategory[category, default: 0] += 1 }
            if referral.review.required {
                culturallySafeReferrals += 1
                if referral.review.decision == .approved || referral.review.decision == .returned { reviewedByLiaison += 1 }
            }
            if let sent = referral.timeline.first(where: { $0.to == .sent }) {
                daysDraftToSent.append(sent.at.timeIntervalSince(referral.createdAt) / 86_400)
            }
        }

        let yearContacts = contacts.filter { inYear($0.at) && servedIDs.contains($0.child) }
        self.contacts = yearContacts.count
        var perChild = Dictionary(uniqueKeysWithValues: served.map { ($0.id, 0) })
        for contact in yearContacts { perChild[contact.child, default: 0] += 1 }
        contactsPerChild = served.map { perChild[$0.id] ?? 0 }
    }
}
