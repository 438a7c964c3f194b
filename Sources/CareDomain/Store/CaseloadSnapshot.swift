import Foundation

/// What the caseload, alerts and referral queue show, loaded in one go.
///
/// Orders a store keeps: children by case number; each child's episodes newest first (by report
/// time); referrals newest first; appointments soonest first; services and workers by name.
public struct CaseloadSnapshot: Sendable, Equatable {
    public var children: [Child]
    /// The time of each child's most recent contact (the police role's view included).
    public var lastContact: [ChildID: Date]
    public var episodes: [ChildID: [MissingEpisode]]
    public var indicators: [ChildID: [RiskIndicator]]
    public var plans: [ChildID: SafetyPlan]
    public var referrals: [Referral]
    public var appointments: [Appointment]
    public var services: [Service]
    public var workers: [Worker]
    /// Acknowledgements and snoozes of alerts, newest first.
    public var responses: [AlertResponse]
    /// The unit's cultural-safety checklist; nil in a store made before it was kept.
    public var checklist: ReviewChecklist?
    /// Stored records that do not open, passed over so the rest loads (`DamagedRecord`).
    public var damaged: [DamagedRecord] = []

    public init(
        children: [Child] = [], lastContact: [ChildID: Date] = [:], episodes: [ChildID: [MissingEpisode]] = [:],
        indicators: [ChildID: [RiskIndicator]] = [:], plans: [ChildID: SafetyPlan] = [:], referrals: [Referral] = [],
        appointments: [Appointment] = [], services: [Service] = [], workers: [Worker] = [], responses: [AlertResponse] = [],
        checklist: ReviewChecklist? = nil
    ) {
        self.children = children
        self.lastContact = lastContact
        self.episodes = episodes
        self.indicators = indicators
        self.plans = plans
        self.referrals = referrals
        self.appointments = appointments
        self.services = services
        self.workers = workers
        self.responses = responses
        self.checklist = checklist
    }

    /// The questions a new referral's review asks: the unit's, or the defaults.
    public var checklistQuestions: [String] { checklist?.questions ?? CulturalSafetyReview.defaultQuestions }

    /// The open missing episode of a child, if any.
    public func openEpisode(of child: ChildID) -> MissingEpisode? {
        episodes[child]?.first(where: \.isOpen)
    }

    /// Where the child is, with an open missing episode taking precedence over the stored place.
    public func whereabouts(of child: Child) -> Whereabouts {
        if let open = openEpisode(of: child.id) {
            return .missing(since: open.lastSeenAt, lastSeen: open.lastSeenPlace)
        }
        return child.whereabouts
    }

    /// Sorts every part into the orders above; stores call it once after loading.
    public mutating func normalizeOrder() {
        children.sort { $0.caseNumber < $1.caseNumber }
        for (child, list) in episodes { episodes[child] = list.sorted(by: Self.newerEpisode) }
        for (child, list) in indicators { indicators[child] = list.sorted(by: Self.newerIndicator) }
        referrals.sort(by: Self.newerReferral)
        appointments.sort(by: Self.soonerAppointment)
        services.sort { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        workers.sort { ($0.displayName, $0.id.rawValue) < ($1.displayName, $1.id.rawValue) }
        responses.sort { ($0.at, $0.id.rawValue) > ($1.at, $1.id.rawValue) }
    }

    static func newerEpisode(_ a: MissingEpisode, _ b: MissingEpisode) -> Bool {
        (a.reportedMissingAt, a.id.rawValue) > (b.reportedMissingAt, b.id.rawValue)
    }

    static func newerIndicator(_ a: RiskIndicator, _ b: RiskIndicator) -> Bool {
        (a.observedOn, a.id.rawValue) > (b.observedOn, b.id.rawValue)
    }

    static func newerReferral(_ a: Referral, _ b: Referral) -> Bool {
        (a.createdAt, a.id.rawValue) > (b.createdAt, b.id.rawValue)
    }

    static func soonerAppointment(_ a: Appointment, _ b: Appointment) -> Bool {
        (a.at, a.id.rawValue) < (b.at, b.id.rawValue)
    }

    // MARK: Bringing it up to date

    /// Replaces everything about the patch's children (and the catalogue, when the patch carries
    /// it) with the patch's records, keeping every order.
    public mutating func apply(_ patch: SnapshotPatch) {
        let ids = patch.children
        if !ids.isEmpty {
            children.removeAll { ids.contains($0.id) }
            for child in patch.part.children {
                let at = children.partitioningIndex { child.caseNumber < $0.caseNumber }
                children.insert(child, at: at)
            }
            for id in ids {
                lastContact[id] = patch.part.lastContact[id]
                episodes[id] = patch.part.episodes[id].map { $0.sorted(by: Self.newerEpisode) }
                indicators[id] = patch.part.indicators[id].map { $0.sorted(by: Self.newerIndicator) }
                plans[id] = patch.part.plans[id]
            }
            referrals.removeAll { ids.contains($0.child) }
            referrals.append(contentsOf: patch.part.referrals)
            referrals.sort(by: Self.newerReferral)
            appointments.removeAll { ids.contains($0.child) }
            appointments.append(contentsOf: patch.part.appointments)
            appointments.sort(by: Self.soonerAppointment)
            responses.removeAll { $0.child.map(ids.contains) ?? false }
            responses.append(contentsOf: patch.part.responses.filter { $0.child != nil })
            damaged.removeAll { $0.child.map(ids.contains) ?? false }
            damaged.append(contentsOf: patch.part.damaged.filter { $0.child != nil })
        }
        if patch.includesCatalogue {
            services = patch.part.services
            workers = patch.part.workers
            checklist = patch.part.checklist
            responses.removeAll { $0.child == nil }
            responses.append(contentsOf: patch.part.responses.filter { $0.child == nil })
            damaged.removeAll { $0.child == nil }
            damaged.append(contentsOf: patch.part.damaged.filter { $0.child == nil })
        }
        responses.sort { ($0.at, $0.id.rawValue) > ($1.at, $1.id.rawValue) }
    }

    /// Puts one record a command just saved into the snapshot, as `apply` would after reading it
    /// back; for the saving session's own changes, so it need not reload anything.
    public mutating func apply(saved record: AnyRecord) {
        switch record {
        case .child(let child):
            if let index = children.firstIndex(where: { $0.id == child.id }) {
                children[index] = child
            } else {
                children.insert(child, at: children.partitioningIndex { child.caseNumber < $0.caseNumber })
            }
        case .contact(let contact):
            if lastContact[contact.child].map({ $0 < contact.occurredAt }) ?? true {
                lastContact[contact.child] = contact.occurredAt
            }
        case .missingEpisode(let episode):
            var list = episodes[episode.child] ?? []
            list.removeAll { $0.id == episode.id }
            list.append(episode)
            episodes[episode.child] = list.sorted(by: Self.newerEpisode)
        case .indicator(let indicator):
            var list = indicators[indicator.child] ?? []
            list.removeAll { $0.id == indicator.id }
            list.append(indicator)
            indicators[indicator.child] = list.sorted(by: Self.newerIndicator)
        case .safetyPlan(let plan):
            plans[plan.child] = plan
        case .referral(let referral):
            referrals.removeAll { $0.id == referral.id }
            referrals.append(referral)
            referrals.sort(by: Self.newerReferral)
        case .appointment(let appointment):
            appointments.removeAll { $0.id == appointment.id }
            appointments.append(appointment)
            appointments.sort(by: Self.soonerAppointment)
        case .service(let service):
            services.removeAll { $0.id == service.id }
            services.append(service)
            services.sort { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        case .worker(let worker):
            workers.removeAll { $0.id == worker.id }
            workers.append(worker)
            workers.sort { ($0.displayName, $0.id.rawValue) < ($1.displayName, $1.id.rawValue) }
        case .alertResponse(let response):
            responses.removeAll { $0.id == response.id }
            responses.insert(response, at: 0)
        case .reviewChecklist(let saved):
            checklist = saved
        case .handover, .handoverAcknowledgement, .link:
            break
        }
    }
}

/// The current records of some children, to bring a snapshot up to date (`CaseloadSnapshot.apply`).
public struct SnapshotPatch: Sendable, Equatable {
    /// The children whose records the patch replaces wholesale. A child in this set but not in
    /// `part.children` is gone from the caseload.
    public var children: Set<ChildID>
    /// Their records (and the catalogue, when `includesCatalogue`).
    public var part: CaseloadSnapshot
    /// Whether `part.services`, `part.workers`, `part.checklist` and the responses about no child
    /// are the whole catalogue, to replace the snapshot's.
    public var includesCatalogue: Bool

    public init(children: Set<ChildID>, part: CaseloadSnapshot, includesCatalogue: Bool) {
        self.children = children
        self.part = part
        self.includesCatalogue = includesCatalogue
    }
}

extension Array {
    /// The first index whose element satisfies `belongsAfter`, in a collection already
    /// partitioned by it (all `false` then all `true`): where to insert and keep the order.
    func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
