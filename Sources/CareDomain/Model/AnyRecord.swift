import Foundation

/// Any one record, as a value: what commands return, what a conflict carries, what the store
/// opens when it only knows the kind. A closed enum rather than `any CareRecord`, so it is
/// `Equatable` and a `switch` over it names every kind.
public enum AnyRecord: Sendable, Equatable {
    case worker(Worker)
    case child(Child)
    case contact(Contact)
    case missingEpisode(MissingEpisode)
    case indicator(RiskIndicator)
    case safetyPlan(SafetyPlan)
    case referral(Referral)
    case service(Service)
    case appointment(Appointment)
    case handover(Handover)
    case alertResponse(AlertResponse)
    case handoverAcknowledgement(HandoverAcknowledgement)
    case link(RecordLink)
    case reviewChecklist(ReviewChecklist)
    case closureReasons(ClosureReasonList)
    case draft(Draft)
    case personOfInterest(PersonOfInterest)
    case placeOfConcern(PlaceOfConcern)
    case investigationLink(InvestigationLink)
    case lead(Lead)

    /// Wraps a concrete record. Every `CareRecord` in this module has a case.
    public init(_ record: any CareRecord) {
        switch record {
        case let r as Worker: self = .worker(r)
        case let r as Child: self = .child(r)
        case let r as Contact: self = .contact(r)
        case let r as MissingEpisode: self = .missingEpisode(r)
        case let r as RiskIndicator: self = .indicator(r)
        case let r as SafetyPlan: self = .safetyPlan(r)
        case let r as Referral: self = .referral(r)
        case let r as Service: self = .service(r)
        case let r as Appointment: self = .appointment(r)
        case let r as Handover: self = .handover(r)
        case let r as AlertResponse: self = .alertResponse(r)
        case let r as HandoverAcknowledgement: self = .handoverAcknowledgement(r)
        case let r as RecordLink: self = .link(r)
        case let r as ReviewChecklist: self = .reviewChecklist(r)
        case let r as ClosureReasonList: self = .closureReasons(r)
        case let r as Draft: self = .draft(r)
        case let r as PersonOfInterest: self = .personOfInterest(r)
        case let r as PlaceOfConcern: self = .placeOfConcern(r)
        case let r as InvestigationLink: self = .investigationLink(r)
        case let r as Lead: self = .lead(r)
        default: preconditionFailure("\(type(of: record)) is a CareRecord without an AnyRecord case")
        }
    }

    /// The record inside.
    public var record: any CareRecord {
        switch self {
        case .worker(let r): r
        case .child(let r): r
        case .contact(let r): r
        case .missingEpisode(let r): r
        case .indicator(let r): r
        case .safetyPlan(let r): r
        case .referral(let r): r
        case .service(let r): r
        case .appointment(let r): r
        case .handover(let r): r
        case .alertResponse(let r): r
        case .handoverAcknowledgement(let r): r
        case .link(let r): r
        case .reviewChecklist(let r): r
        case .closureReasons(let r): r
        case .draft(let r): r
        case .personOfInterest(let r): r
        case .placeOfConcern(let r): r
        case .investigationLink(let r): r
        case .lead(let r): r
        }
    }

    public var kind: RecordKind { Swift.type(of: record).kind }
    public var recordID: String { record.recordID }
    public var childID: ChildID? { record.childID }
    public var sortDate: Date? { record.sortDate }
    public var ref: RecordRef { RecordRef(kind: kind, id: recordID) }

    public var version: Int {
        get { record.version }
        set { self = Self.withVersion(record, newValue) }
    }

    private static func withVersion<Record: CareRecord>(_ record: Record, _ version: Int) -> AnyRecord {
        var copy = record
        copy.version = version
        return AnyRecord(copy)
    }

    /// The type each kind decodes as.
    public static func recordType(of kind: RecordKind) -> any CareRecord.Type {
        switch kind {
        case .worker: Worker.self
        case .child: Child.self
        case .contact: Contact.self
        case .missingEpisode: MissingEpisode.self
        case .indicator: RiskIndicator.self
        case .safetyPlan: SafetyPlan.self
        case .referral: Referral.self
        case .service: Service.self
        case .appointment: Appointment.self
        case .handover: Handover.self
        case .alertResponse: AlertResponse.self
        case .handoverAcknowledgement: HandoverAcknowledgement.self
        case .link: RecordLink.self
        case .reviewChecklist: ReviewChecklist.self
        case .closureReasons: ClosureReasonList.self
        case .draft: Draft.self
        case .personOfInterest: PersonOfInterest.self
        case .placeOfConcern: PlaceOfConcern.self
        case .investigationLink: InvestigationLink.self
        case .lead: Lead.self
        }
    }

    /// Decodes `data` as a record of `kind`.
    public static func decode(_ kind: RecordKind, from data: Data, using decoder: JSONDecoder) throws -> AnyRecord {
        func decode<Record: CareRecord>(_ type: Record.Type) throws -> AnyRecord {
            AnyRecord(try decoder.decode(type, from: data))
        }
        return try decode(recordType(of: kind))
    }

    /// Encodes the record inside.
    public func encoded(using encoder: JSONEncoder) throws -> Data {
        try encoder.encode(record)
    }

    /// The record inside as `Record`, when it is one.
    public func `as`<Record: CareRecord>(_ type: Record.Type) -> Record? {
        record as? Record
    }
}
