import Foundation

/// A dated event in a child's case that people need reminding of: court, medical, a meeting.
public struct Appointment: CareRecord {
    public static let kind = RecordKind.appointment

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case court
        case medical
        case meeting
    }

    public var id: AppointmentID
    public var version: Int
    public var child: ChildID
    public var kind: Kind
    public var at: Date
    public var place: String
    public var note: String

    public init(id: AppointmentID = .make(), version: Int = 0, child: ChildID, kind: Kind, at: Date, place: String = "", note: String = "") {
        self.id = id
        self.version = version
        self.child = child
        self.kind = kind
        self.at = at
        self.place = place
        self.note = note
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { at }
}
