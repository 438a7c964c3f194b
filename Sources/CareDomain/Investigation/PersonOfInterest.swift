import Foundation

public typealias PersonID = RecordID<PersonOfInterest>

/// Someone who turns up around children at risk: the older "boyfriend", a driver, the person who
/// books the rooms (DOMAIN.md "Investigation support"). Sealed under the `investigation` key, so
/// only police and supervisors can read it, in the program or in a copied file.
///
/// A merge never deletes: the person merged away keeps every field and link and points at the
/// one kept (`mergedInto`), which lists it in `mergedFrom`, so both histories stay readable.
public struct PersonOfInterest: CareRecord {
    public static let kind = RecordKind.personOfInterest

    public var id: PersonID
    public var version: Int
    /// The names they go by, the first the one lists show.
    public var aliases: [String]
    public var description: String
    public var approximateAge: Int?
    /// As typed; compared by `PhoneNumber.digits`.
    public var phones: [String]
    /// Social media handles, as typed ("@demo.handle").
    public var handles: [String]
    public var vehicles: [Vehicle]
    public var notes: String
    public var createdBy: WorkerID
    public var createdAt: Date
    /// Set on the person merged away: the person kept.
    public var mergedInto: PersonID?
    /// On the person kept: every person merged into them.
    public var mergedFrom: [PersonID]

    public init(
        id: PersonID = .make(), version: Int = 0, aliases: [String], description: String = "", approximateAge: Int? = nil,
        phones: [String] = [], handles: [String] = [], vehicles: [Vehicle] = [], notes: String = "",
        createdBy: WorkerID, createdAt: Date, mergedInto: PersonID? = nil, mergedFrom: [PersonID] = []
    ) {
        self.id = id
        self.version = version
        self.aliases = aliases
        self.description = description
        self.approximateAge = approximateAge
        self.phones = phones
        self.handles = handles
        self.vehicles = vehicles
        self.notes = notes
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.mergedInto = mergedInto
        self.mergedFrom = mergedFrom
    }

    public var recordID: String { id.rawValue }
    /// Kept out of the clear columns: which children a person is linked to is in the links,
    /// sealed too.
    public var childID: ChildID? { nil }
    public var visibilityClass: VisibilityClass { .investigation }

    /// What lists call them.
    public var name: String { aliases.first(where: { !$0.isEmpty }) ?? "unnamed person" }

    /// Every plate given, as typed (compare with `Plate.same`).
    public var plates: [String] { vehicles.map(\.plate).filter { !$0.isEmpty } }
}

/// A vehicle seen with a person of interest.
public struct Vehicle: Hashable, Codable, Sendable {
    /// "grey sedan"; as typed.
    public var description: String
    /// As typed; compared by `Plate.normalized`.
    public var plate: String

    public init(description: String, plate: String) {
        self.description = description
        self.plate = plate
    }
}
