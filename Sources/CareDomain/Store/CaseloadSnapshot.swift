import Foundation

/// What the caseload, alerts, preview, handover and referral queue show, loaded in one go: each
/// child's `CaseloadEntry` (the store's sealed per-child summaries), the catalogue and the alert
/// responses. The whole record of a child loads when it is opened (`ChildDetail`).
///
/// Orders a store keeps: children by case number; each child's episodes newest first (by report
/// time); open indicators most recently observed first; referrals newest first; appointments
/// soonest first; services and workers by name.
public struct CaseloadSnapshot: Sendable, Equatable {
    public var children: [ChildSummary]
    /// The time of each child's most recent contact (the police role's view included).
    public var lastContact: [ChildID: Date]
    /// Children whose last contact is a note this reader may not open (a restricted note, for
    /// police): its time counts, its text is withheld, and the words say so.
    public var restrictedLastContact: Set<ChildID> = []
    public var episodes: [ChildID: [MissingEpisode]]
    /// Each child's unresolved indicators.
    public var openIndicators: [ChildID: [OpenIndicator]]
    /// What the caseload keeps of each child's safety plan (`SafetyPlanSummary`).
    public var plans: [ChildID: SafetyPlanSummary]
    /// Every referral, each kept with its child's key (`FiledList`), so a save finds a child's
    /// referrals without reading every referral's child id.
    public private(set) var filedReferrals: FiledList<Referral>
    /// Every appointment, kept the same way.
    public private(set) var filedAppointments: FiledList<Appointment>

    public var referrals: [Referral] {
        get { filedReferrals.elements }
        set { filedReferrals = FiledList(newValue) }
    }

    public var appointments: [Appointment] {
        get { filedAppointments.elements }
        set { filedAppointments = FiledList(newValue) }
    }
    public var services: [Service]
    public var workers: [Worker]
    /// Acknowledgements and snoozes of alerts, newest first.
    public var responses: [AlertResponse]
    /// The unit's cultural-safety checklist; nil in a store made before it was kept.
    public var checklist: ReviewChecklist?
    /// The unit's closure reasons; nil until a supervisor sets them (`ClosureReasonList`).
    public var closureReasonList: ClosureReasonList?
    /// Stored records that do not open, passed over so the rest loads (`DamagedRecord`).
    public var damaged: [DamagedRecord] = []

    public init(
        children: [ChildSummary] = [], lastContact: [ChildID: Date] = [:], episodes: [ChildID: [MissingEpisode]] = [:],
        openIndicators: [ChildID: [OpenIndicator]] = [:], plans: [ChildID: SafetyPlanSummary] = [:], referrals: [Referral] = [],
        appointments: [Appointment] = [], services: [Service] = [], workers: [Worker] = [], responses: [AlertResponse] = [],
        checklist: ReviewChecklist? = nil
    ) {
        self.children = children
        self.lastContact = lastContact
        self.episodes = episodes
        self.openIndicators = openIndicators
        self.plans = plans
        filedReferrals = FiledList(referrals)
        filedAppointments = FiledList(appointments)
        self.services = services
        self.workers = workers
        self.responses = responses
        self.checklist = checklist
    }

    /// The questions a new referral's review asks: the unit's, or the defaults.
    public var checklistQuestions: [String] { checklist?.questions ?? CulturalSafetyReview.defaultQuestions }

    /// The reasons the closure form offers: the unit's, or the standard list.
    public var closureReasons: [String] { closureReasonList?.reasons ?? ClosureReason.standardChoices }

    /// The open missing episode of a child, if any.
    public func openEpisode(of child: ChildID) -> MissingEpisode? {
        episodes[child]?.first(where: \.isOpen)
    }

    /// Where the child is, with an open missing episode taking precedence over the stored place,
    /// and a return recorded on an episode ("located, returned to the group home") over a stored
    /// place older than that return: the profile is not edited when a child comes back.
    public func whereabouts(of child: ChildSummary) -> Whereabouts {
        let childEpisodes = episodes[child.id] ?? []
        if let open = childEpisodes.first(where: \.isOpen) {
            return .missing(since: open.lastSeenAt, lastSeen: open.lastSeenPlace)
        }
        let returned = childEpisodes.compactMap(\.located).max { $0.at < $1.at }
        if let returned {
            let place = returned.returnedTo.isEmpty ? returned.place : returned.returnedTo
            switch child.whereabouts {
            case .located(_, let since) where since >= returned.at: break
            default: if !place.isEmpty { return .located(place: place, since: returned.at) }
            }
        }
        return child.whereabouts
    }

    /// Sorts every part into the orders above; stores call it once after loading. A part
    /// already in order (each child's lists come sorted in its `CaseloadEntry`) is only checked:
    /// rewriting 50,000 children's lists costs more than the rest of the load.
    public mutating func normalizeOrder() {
        if !children.isSorted(by: { $0.caseNumber < $1.caseNumber }) { children.sort { $0.caseNumber < $1.caseNumber } }
        // Through the values in place: by key, each child's list was found by hashing its id
        // twice.
        for index in episodes.values.indices where !episodes.values[index].isSorted(by: Self.newerEpisode) {
            episodes.values[index].sort(by: Self.newerEpisode)
        }
        for index in openIndicators.values.indices where !openIndicators.values[index].isSorted(by: Self.newerIndicator) {
            openIndicators.values[index].sort(by: Self.newerIndicator)
        }
        // By positions over keys taken once: a stable sort of the records themselves moves
        // (retains and releases) every field of a referral at each step, a tenth of the 50,000
        // children's load in the profile.
        let created = referrals.map(\.createdAt), referralIDs = referrals.map(\.id.rawValue)
        filedReferrals.reorder { (created[$0], referralIDs[$0]) > (created[$1], referralIDs[$1]) }
        let times = appointments.map(\.at), appointmentIDs = appointments.map(\.id.rawValue)
        filedAppointments.reorder { (times[$0], appointmentIDs[$0]) < (times[$1], appointmentIDs[$1]) }
        services.sort { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        workers.sort { ($0.displayName, $0.id.rawValue) < ($1.displayName, $1.id.rawValue) }
        responses.sort { ($0.at, $0.id.rawValue) > ($1.at, $1.id.rawValue) }
        // Found in whatever order the store met them (one thread, or ranges read at once).
        damaged.sort { ($0.kind, $0.id) < ($1.kind, $1.id) }
    }

    public static func newerEpisode(_ a: MissingEpisode, _ b: MissingEpisode) -> Bool {
        (a.reportedMissingAt, a.id.rawValue) > (b.reportedMissingAt, b.id.rawValue)
    }

    public static func newerIndicator(_ a: RiskIndicator, _ b: RiskIndicator) -> Bool {
        (a.observedOn, a.id.rawValue) > (b.observedOn, b.id.rawValue)
    }

    public static func newerIndicator(_ a: OpenIndicator, _ b: OpenIndicator) -> Bool {
        (a.observedOn, a.id.rawValue) > (b.observedOn, b.id.rawValue)
    }

    public static func newerReferral(_ a: Referral, _ b: Referral) -> Bool {
        (a.createdAt, a.id.rawValue) > (b.createdAt, b.id.rawValue)
    }

    public static func soonerAppointment(_ a: Appointment, _ b: Appointment) -> Bool {
        (a.at, a.id.rawValue) < (b.at, b.id.rawValue)
    }

    // MARK: Assembling

    /// Adds one child's entry of one class: the team's brings the child and its records, every
    /// class's its last contact (the latest of those the reader holds is the child's). Call
    /// `normalizeOrder` once all are in.
    public mutating func add(_ entry: consuming CaseloadEntry, of id: ChildID) {
        var id = id
        if let child = entry.child.take() {
            // The maps are keyed by the child's own id, decoded with its summary, rather than
            // by the same text read again from the row: one string per child, not one per
            // child and class (36 bytes of text in a heap object each at 50,000 children).
            if child.id == id { id = child.id }
            children.append(child)
        }
        if !entry.openIndicators.isEmpty { Self.join(&openIndicators[id, default: []], entry.openIndicators) }
        if !entry.episodes.isEmpty { Self.join(&episodes[id, default: []], entry.episodes) }
        if let plan = entry.plan.take() { plans[id] = plan }
        if !entry.referrals.isEmpty { filedReferrals.append(contentsOf: entry.referrals) }
        if !entry.appointments.isEmpty { filedAppointments.append(contentsOf: entry.appointments) }
        // One hash of the id, not a lookup and then a store.
        if let last = entry.lastContact { Self.raise(&lastContact[id, default: last], to: last) }
    }

    /// Appends `more`, or takes it whole when there is nothing yet (no element retained).
    private static func join<Element>(_ list: inout [Element], _ more: [Element]) {
        if list.isEmpty { list = more } else { list += more }
    }

    private static func raise(_ value: inout Date, to later: Date) {
        if value < later { value = later }
    }

    // MARK: Bringing it up to date

    /// Replaces everything about the patch's children (and the catalogue, when the patch carries
    /// it) with the patch's records, keeping every order. `position` may name where a child is in
    /// `children` (the dashboard keeps that index): a child whose case number did not change is
    /// then replaced in place, and every other child keeps its position. Each changed referral
    /// and appointment is put in its place rather than sorting them all again.
    public mutating func apply(_ patch: SnapshotPatch, position: (ChildID) -> Int? = { _ in nil }) {
        let ids = patch.children
        if !ids.isEmpty {
            let match = ChildIDMatch(ids)
            var fresh: [ChildID: ChildSummary] = [:]
            for child in patch.part.children { fresh[child.id] = child }
            var moved = Set<ChildID>()
            for id in ids {
                if let at = position(id), children.indices.contains(at), children[at].id == id,
                   let child = fresh[id], child.caseNumber == children[at].caseNumber {
                    children[at] = child
                } else {
                    moved.insert(id)
                }
            }
            if !moved.isEmpty {
                children.removeAll { moved.contains($0.id) }
                for child in patch.part.children where moved.contains(child.id) {
                    children.insert(child, keepingOrder: { $0.caseNumber < $1.caseNumber })
                }
            }
            for id in ids {
                lastContact[id] = patch.part.lastContact[id]
                if patch.part.restrictedLastContact.contains(id) { restrictedLastContact.insert(id) } else { restrictedLastContact.remove(id) }
                episodes[id] = patch.part.episodes[id].map { $0.sorted(by: Self.newerEpisode) }
                openIndicators[id] = patch.part.openIndicators[id].map { $0.sorted(by: Self.newerIndicator) }
                plans[id] = patch.part.plans[id]
            }
            filedReferrals.removeAll(filedUnder: match)
            for referral in patch.part.referrals { filedReferrals.insert(referral, keepingOrder: Self.newerReferral) }
            filedAppointments.removeAll(filedUnder: match)
            for appointment in patch.part.appointments { filedAppointments.insert(appointment, keepingOrder: Self.soonerAppointment) }
            responses.removeAll { match.contains($0.child) }
            responses.append(contentsOf: patch.part.responses.filter { $0.child != nil })
            damaged.removeAll { match.contains($0.child) }
            damaged.append(contentsOf: patch.part.damaged.filter { $0.child != nil })
        }
        if patch.includesCatalogue {
            services = patch.part.services
            workers = patch.part.workers
            checklist = patch.part.checklist
            closureReasonList = patch.part.closureReasonList
            responses.removeAll { $0.child == nil }
            responses.append(contentsOf: patch.part.responses.filter { $0.child == nil })
            damaged.removeAll { $0.child == nil }
            damaged.append(contentsOf: patch.part.damaged.filter { $0.child == nil })
        }
        responses.sort { ($0.at, $0.id.rawValue) > ($1.at, $1.id.rawValue) }
        // Found in whatever order the store met them (one thread, or ranges read at once).
        damaged.sort { ($0.kind, $0.id) < ($1.kind, $1.id) }
    }

    /// Puts one record a command just saved into the snapshot, as `apply` would after reading it
    /// back; for the saving session's own changes, so it need not reload anything.
    /// `position` may name where a child is in `children`, as for a patch.
    public mutating func apply(saved record: AnyRecord, position: (ChildID) -> Int? = { _ in nil }) {
        switch record {
        case .child(let record):
            let child = ChildSummary(record)
            if let at = position(child.id), children.indices.contains(at), children[at].id == child.id,
               children[at].caseNumber == child.caseNumber {
                children[at] = child
            } else if let index = children.firstIndex(where: { $0.id == child.id }) {
                children.remove(at: index)
                children.insert(child, keepingOrder: { $0.caseNumber < $1.caseNumber })
            } else {
                children.insert(child, keepingOrder: { $0.caseNumber < $1.caseNumber })
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
            var list = openIndicators[indicator.child] ?? []
            list.removeAll { $0.id == indicator.id }
            if !indicator.resolved { list.append(OpenIndicator(indicator)) }
            openIndicators[indicator.child] = list.isEmpty ? nil : list.sorted(by: Self.newerIndicator)
        case .safetyPlan(let plan):
            plans[plan.child] = SafetyPlanSummary(plan)
        case .referral(let referral):
            if let at = filedReferrals.firstIndex(filedUnder: referral.child, where: { $0.id == referral.id }) { filedReferrals.remove(at: at) }
            filedReferrals.insert(referral, keepingOrder: Self.newerReferral)
        case .appointment(let appointment):
            if let at = filedAppointments.firstIndex(filedUnder: appointment.child, where: { $0.id == appointment.id }) {
                filedAppointments.remove(at: at)
            }
            filedAppointments.insert(appointment, keepingOrder: Self.soonerAppointment)
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
        case .closureReasons(let saved):
            closureReasonList = saved
        case .handover, .handoverAcknowledgement, .link, .draft, .personOfInterest, .placeOfConcern, .investigationLink, .lead:
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
    @inlinable
    func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Array {
    /// Puts the elements in the order `areInIncreasingOrder` gives their positions (stable),
    /// moving each element once, and not at all when they are in that order already.
    mutating func reorder(by areInIncreasingOrder: (Int, Int) -> Bool) {
        guard let order = order(by: areInIncreasingOrder) else { return }
        self = order.map { self[$0] }
    }

    /// The positions in the order `areInIncreasingOrder` gives them (stable), or nil when they
    /// are in that order already.
    func order(by areInIncreasingOrder: (Int, Int) -> Bool) -> [Int]? {
        guard count > 1, indices.dropFirst().contains(where: { areInIncreasingOrder($0, $0 - 1) }) else { return nil }
        return indices.sorted(by: areInIncreasingOrder)
    }

    /// Whether every element is in order by `areInIncreasingOrder` (equal neighbours allowed).
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        guard count > 1 else { return true }
        for index in 1..<count where areInIncreasingOrder(self[index], self[index - 1]) { return false }
        return true
    }
}
