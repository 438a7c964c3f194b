import Foundation

/// One child's whole record, as the record pane shows it.
public struct ChildDetail: Sendable, Equatable {
    public var child: Child
    public var contacts: ContactPage
    /// Newest first.
    public var episodes: [MissingEpisode]
    /// Most recently observed first.
    public var indicators: [RiskIndicator]
    public var plan: SafetyPlan?
    /// Newest first.
    public var referrals: [Referral]
    /// Soonest first.
    public var appointments: [Appointment]
    /// Links from this child to other records, active ones and removed ones, newest first.
    public var links: [RecordLink]
    /// This child's records that do not open (contacts of the loaded pages included): shown as
    /// damaged, named by `care check`.
    public var damaged: [DamagedRecord]
    /// This child's rows that are not what the audit trail last wrote of them (an older copy put
    /// back, a row changed outside care): the record is shown, marked as not to be trusted
    /// (`UntrustedChild`), with the critical alert; `care check` names each row.
    public var untrusted: [DamagedRecord] = []

    public init(
        child: Child, contacts: ContactPage, episodes: [MissingEpisode] = [], indicators: [RiskIndicator] = [],
        plan: SafetyPlan? = nil, referrals: [Referral] = [], appointments: [Appointment] = [], links: [RecordLink] = [],
        damaged: [DamagedRecord] = []
    ) {
        self.child = child
        self.contacts = contacts
        self.episodes = episodes
        self.indicators = indicators
        self.plan = plan
        self.referrals = referrals
        self.appointments = appointments
        self.links = links
        self.damaged = damaged
    }

    /// Puts a record this session just saved into the open record, so showing it needs no
    /// second read (and no second `view` event). Records of other children are ignored.
    public mutating func apply(saved record: AnyRecord) {
        guard record.childID == child.id else { return }
        switch record {
        case .child(let updated):
            child = updated
        case .contact(let contact):
            contacts.insert(contact)
        case .missingEpisode(let episode):
            episodes.removeAll { $0.id == episode.id }
            episodes.append(episode)
            episodes.sort(by: CaseloadSnapshot.newerEpisode)
        case .indicator(let indicator):
            indicators.removeAll { $0.id == indicator.id }
            indicators.append(indicator)
            indicators.sort(by: CaseloadSnapshot.newerIndicator)
        case .safetyPlan(let updated):
            plan = updated
        case .referral(let referral):
            referrals.removeAll { $0.id == referral.id }
            referrals.append(referral)
            referrals.sort(by: CaseloadSnapshot.newerReferral)
        case .appointment(let appointment):
            appointments.removeAll { $0.id == appointment.id }
            appointments.append(appointment)
            appointments.sort(by: CaseloadSnapshot.soonerAppointment)
        case .link(let link):
            links.removeAll { $0.id == link.id }
            links.insert(link, at: 0)
        case .worker, .service, .handover, .alertResponse, .handoverAcknowledgement, .reviewChecklist, .closureReasons, .draft,
             .personOfInterest, .placeOfConcern, .investigationLink, .lead:
            break
        }
    }
}

/// Where a page of contacts ends, so the next page starts right after it. Contacts are ordered
/// newest first by time and then by id, so two contacts at the same minute are never skipped.
public struct ContactCursor: Hashable, Sendable {
    public var occurredAt: Date
    public var id: ContactID

    public init(occurredAt: Date, id: ContactID) {
        self.occurredAt = occurredAt
        self.id = id
    }

    /// Before every contact: the first page.
    public static let start = ContactCursor(occurredAt: .distantFuture, id: ContactID(rawValue: "\u{10FFFF}"))

    public init(after contact: Contact) {
        self.init(occurredAt: contact.occurredAt, id: contact.id)
    }

    /// True when `contact` comes after this cursor in newest-first order.
    public func precedes(_ contact: Contact) -> Bool {
        (contact.occurredAt, contact.id.rawValue) < (occurredAt, id.rawValue)
    }

    /// Newest-first order of contacts.
    public static func newer(_ a: Contact, _ b: Contact) -> Bool {
        (a.occurredAt, a.id.rawValue) > (b.occurredAt, b.id.rawValue)
    }
}

/// A page of contacts, newest first, with how many restricted notes were withheld from this role.
public struct ContactPage: Sendable, Equatable {
    public var contacts: [Contact]
    public var hasMore: Bool
    /// Restricted notes in this page's range the signed-in role may not see (police).
    public var hiddenRestricted: Int
    /// Notes in this page's range that do not open (`DamagedRecord`), passed over.
    public var damaged: [DamagedRecord]
    /// This child's rows that are not what the audit trail last wrote of them (an older copy put
    /// back, a row changed outside care): the record is shown, marked as not to be trusted
    /// (`UntrustedChild`), with the critical alert; `care check` names each row.
    public var untrusted: [DamagedRecord] = []

    public init(contacts: [Contact] = [], hasMore: Bool = false, hiddenRestricted: Int = 0, damaged: [DamagedRecord] = []) {
        self.contacts = contacts
        self.hasMore = hasMore
        self.hiddenRestricted = hiddenRestricted
        self.damaged = damaged
    }

    /// Where the next page starts.
    public var cursor: ContactCursor? { contacts.last.map(ContactCursor.init(after:)) }

    /// Adds a contact just saved, in its place by time.
    public mutating func insert(_ contact: Contact) {
        contacts.removeAll { $0.id == contact.id }
        let index = contacts.partitioningIndex { !ContactCursor.newer($0, contact) }
        // A contact older than everything loaded belongs to a page not loaded yet.
        if index == contacts.count && hasMore { return }
        contacts.insert(contact, at: index)
    }
}
