import Foundation

/// An opaque, random identifier for one record. The phantom `Tag` keeps a contact's id from being
/// passed where a child's is expected; the raw value is what the store keeps in clear.
public struct RecordID<Tag>: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A new random id (UUID, lowercased). Ids carry no meaning, so they may be stored in clear.
    public static func make() -> RecordID { RecordID(rawValue: UUID().uuidString.lowercased()) }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

public typealias ChildID = RecordID<Child>
public typealias WorkerID = RecordID<Worker>
public typealias ContactID = RecordID<Contact>
public typealias EpisodeID = RecordID<MissingEpisode>
public typealias IndicatorID = RecordID<RiskIndicator>
public typealias SafetyPlanID = RecordID<SafetyPlan>
public typealias ReferralID = RecordID<Referral>
public typealias ServiceID = RecordID<Service>
public typealias AppointmentID = RecordID<Appointment>
public typealias HandoverID = RecordID<Handover>
public typealias FlagID = RecordID<Flag>
public typealias AlertResponseID = RecordID<AlertResponse>
public typealias HandoverAcknowledgementID = RecordID<HandoverAcknowledgement>
public typealias LinkID = RecordID<RecordLink>
