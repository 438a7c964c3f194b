import Foundation

/// A whole synthetic CARE unit: accounts, caseload, notes, episodes, referrals and the service
/// catalogue, consistent with each other at the moment it was generated for.
public struct DemoUnit: Sendable, Equatable {
    public var unit: String
    /// The moment the unit was generated for; "missing 14h" is 14 hours before this.
    public var now: Date
    public var workers: [Worker]
    public var children: [Child]
    public var contacts: [Contact]
    public var episodes: [MissingEpisode]
    public var indicators: [RiskIndicator]
    public var plans: [SafetyPlan]
    public var referrals: [Referral]
    public var services: [Service]
    public var appointments: [Appointment]
    public var handovers: [Handover]
    public var handoverAcknowledgements: [HandoverAcknowledgement] = []
    /// The unit's cultural-safety review checklist.
    public var checklist: ReviewChecklist
    /// Investigation records (`DemoInvestigation`), sealed under the investigation key.
    public var persons: [PersonOfInterest] = []
    public var places: [PlaceOfConcern] = []
    public var investigationLinks: [InvestigationLink] = []

    public init(
        unit: String, now: Date, workers: [Worker] = [], children: [Child] = [], contacts: [Contact] = [],
        episodes: [MissingEpisode] = [], indicators: [RiskIndicator] = [], plans: [SafetyPlan] = [],
        referrals: [Referral] = [], services: [Service] = [], appointments: [Appointment] = [], handovers: [Handover] = [],
        checklist: ReviewChecklist = ReviewChecklist()
    ) {
        self.unit = unit
        self.now = now
        self.workers = workers
        self.children = children
        self.contacts = contacts
        self.episodes = episodes
        self.indicators = indicators
        self.plans = plans
        self.referrals = referrals
        self.services = services
        self.appointments = appointments
        self.handovers = handovers
        self.checklist = checklist
    }

    /// Every record, workers and services first (the checklist last), for seeding a store.
    public var allRecords: [any CareRecord] {
        var records: [any CareRecord] = []
        records.reserveCapacity(workers.count + services.count + children.count + contacts.count + episodes.count
            + indicators.count + plans.count + referrals.count + appointments.count + handovers.count + handoverAcknowledgements.count + 1)
        records += workers as [any CareRecord]
        records += services as [any CareRecord]
        records += children as [any CareRecord]
        records += contacts as [any CareRecord]
        records += episodes as [any CareRecord]
        records += indicators as [any CareRecord]
        records += plans as [any CareRecord]
        records += referrals as [any CareRecord]
        records += appointments as [any CareRecord]
        records += handovers as [any CareRecord]
        records += handoverAcknowledgements as [any CareRecord]
        records.append(checklist)
        records += persons as [any CareRecord]
        records += places as [any CareRecord]
        records += investigationLinks as [any CareRecord]
        return records
    }

    /// The account with this name (e.g. `demo-cp`).
    public func worker(account: String) -> Worker? {
        workers.first { $0.accountName == account }
    }

    /// What a store would load for the caseload screen of a role that reads every note, built
    /// straight from the records.
    public func snapshot() -> CaseloadSnapshot {
        var lastContact: [ChildID: Date] = [:]
        for contact in contacts where (lastContact[contact.child].map { contact.occurredAt > $0 } ?? true) {
            lastContact[contact.child] = contact.occurredAt
        }
        let episodes = Dictionary(grouping: episodes, by: \.child)
        let indicators = Dictionary(grouping: indicators, by: \.child)
        let plans = Dictionary(plans.map { ($0.child, $0) }, uniquingKeysWith: { a, _ in a })
        let referrals = Dictionary(grouping: referrals, by: \.child)
        let appointments = Dictionary(grouping: appointments, by: \.child)
        var snapshot = CaseloadSnapshot(services: services, workers: workers, checklist: checklist)
        for child in children {
            snapshot.add(.team(child: child, episodes: episodes[child.id] ?? [], indicators: indicators[child.id] ?? [],
                               plan: plans[child.id], referrals: referrals[child.id] ?? [], appointments: appointments[child.id] ?? [],
                               lastContact: lastContact[child.id]), of: child.id)
        }
        snapshot.normalizeOrder()
        return snapshot
    }
}
