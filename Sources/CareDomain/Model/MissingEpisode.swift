import Foundation

/// One time a child went missing, from the report to the debrief after they were found.
/// An episode with no `located` is open and makes the child's whereabouts `missing`.
public struct MissingEpisode: CareRecord {
    public static let kind = RecordKind.missingEpisode

    public struct PoliceReport: Hashable, Codable, Sendable {
        public var service: String
        public var occurrenceNumber: String
        public var reportedAt: Date

        public init(service: String, occurrenceNumber: String, reportedAt: Date) {
            self.service = service
            self.occurrenceNumber = occurrenceNumber
            self.reportedAt = reportedAt
        }
    }

    public struct Located: Hashable, Codable, Sendable {
        public var at: Date
        public var place: String
        public var returnedTo: String

        public init(at: Date, place: String, returnedTo: String) {
            self.at = at
            self.place = place
            self.returnedTo = returnedTo
        }
    }

    public struct Debrief: Hashable, Codable, Sendable {
        public var on: Date
        public var by: WorkerID
        /// What the debrief found, in its own words; never written over the episode's notes.
        public var notes: String

        public init(on: Date, by: WorkerID, notes: String = "") {
            self.on = on
            self.by = by
            self.notes = notes
        }

        private enum CodingKeys: String, CodingKey { case on, by, notes }

        /// Debriefs saved before they had their own notes decode with none.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            on = try container.decode(Date.self, forKey: .on)
            by = try container.decode(WorkerID.self, forKey: .by)
            notes = try container.decodeIfPresent(String.self, forKey: .notes) ?? ""
        }
    }

    /// A contact note with the child's placement or caregiver (`Contact.Kind.placement`) logged
    /// after the time last seen: a step of the search, like the police report. The time and the
    /// note are on the episode (every role reads it) so the step counts for every role, even
    /// when the note itself is restricted; its words stay in the note.
    public struct PlacementContact: Hashable, Codable, Sendable {
        public var at: Date
        public var note: ContactID

        public init(at: Date, note: ContactID) {
            self.at = at
            self.note = note
        }
    }

    public var id: EpisodeID
    public var version: Int
    public var child: ChildID
    public var reportedMissingAt: Date
    public var lastSeenAt: Date
    public var lastSeenPlace: String
    public var policeReport: PoliceReport?
    public var located: Located?
    public var debrief: Debrief?
    /// The circumstances, in the worker's words.
    public var notes: String
    /// How the child looks and what they were wearing, for a search.
    public var description: String
    /// Who the child is believed to be with.
    public var believedWith: String
    /// A vehicle seen with them (make, colour, plate).
    public var vehicle: String
    /// The latest contact with the placement or caregiver since the time last seen; kept by
    /// `CommandRules` from the contact notes (a form never sets it), nil while there is none.
    public var placementContact: PlacementContact?

    public init(
        id: EpisodeID = .make(), version: Int = 0, child: ChildID, reportedMissingAt: Date, lastSeenAt: Date,
        lastSeenPlace: String, policeReport: PoliceReport? = nil, located: Located? = nil,
        debrief: Debrief? = nil, notes: String = "", description: String = "", believedWith: String = "", vehicle: String = "",
        placementContact: PlacementContact? = nil
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.reportedMissingAt = reportedMissingAt
        self.lastSeenAt = lastSeenAt
        self.lastSeenPlace = lastSeenPlace
        self.policeReport = policeReport
        self.located = located
        self.debrief = debrief
        self.notes = notes
        self.description = description
        self.believedWith = believedWith
        self.vehicle = vehicle
        self.placementContact = placementContact
    }

    private enum CodingKeys: String, CodingKey {
        case id, version, child, reportedMissingAt, lastSeenAt, lastSeenPlace, policeReport, located, debrief, notes
        case description, believedWith, vehicle, placementContact
    }

    /// Episodes saved before the search details were kept decode with them empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(EpisodeID.self, forKey: .id)
        version = try c.decode(Int.self, forKey: .version)
        child = try c.decode(ChildID.self, forKey: .child)
        reportedMissingAt = try c.decode(Date.self, forKey: .reportedMissingAt)
        lastSeenAt = try c.decode(Date.self, forKey: .lastSeenAt)
        lastSeenPlace = try c.decode(String.self, forKey: .lastSeenPlace)
        policeReport = try c.decodeIfPresent(PoliceReport.self, forKey: .policeReport)
        located = try c.decodeIfPresent(Located.self, forKey: .located)
        debrief = try c.decodeIfPresent(Debrief.self, forKey: .debrief)
        notes = try c.decode(String.self, forKey: .notes)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        believedWith = try c.decodeIfPresent(String.self, forKey: .believedWith) ?? ""
        vehicle = try c.decodeIfPresent(String.self, forKey: .vehicle) ?? ""
        placementContact = try c.decodeIfPresent(PlacementContact.self, forKey: .placementContact)
    }

    /// The contact with the placement counts only when it came after the time last seen (a
    /// corrected, later time last seen leaves it before).
    public var placementContacted: PlacementContact? {
        placementContact.flatMap { $0.at >= lastSeenAt ? $0 : nil }
    }

    public var isOpen: Bool { located == nil }
    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { reportedMissingAt }
}
