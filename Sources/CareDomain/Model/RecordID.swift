import Foundation

/// An opaque, random identifier for one record. The phantom `Tag` keeps a contact's id from being
/// passed where a child's is expected; the raw value is what the store keeps in clear.
///
/// Held in 16 bytes and no heap: every id care makes is a UUID in lower-case text (`make()`, and
/// the demo's seeded ids in the same shape), kept as its 128 bits, so copying an id retains
/// nothing and hashing or comparing one reads two words. At 50,000 children the caseload held
/// about 230,000 ids, each a 36-character string of its own on the heap (80 bytes with its header)
/// (docs/benchmarks.md, tenth pass). Any other text (a test's "child-1", the standard
/// catalogue's "standard-1", an imported id) is kept once in `RecordIDTexts` and named by its
/// place there. `rawValue` gives back exactly the text the id was made from, and two ids are
/// equal when their bytes are, as the store compares them (a `String` would also equal two
/// spellings of the same Unicode text).
public struct RecordID<Tag>: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The UUID's first 64 bits, or `RecordIDTexts.marker` for an id kept as text.
    private let high: UInt64
    /// The UUID's last 64 bits, or the text's place in `RecordIDTexts`.
    private let low: UInt64

    public init(rawValue: String) {
        var text = rawValue
        if let (high, low) = text.withUTF8(UUIDText.parse), high != RecordIDTexts.marker {
            self.high = high
            self.low = low
        } else {
            high = RecordIDTexts.marker
            low = RecordIDTexts.shared.place(of: rawValue)
        }
    }

    /// An id from the 36 bytes of a UUID's lower-case text, or any other UTF-8 text, without a
    /// `String` in between when it is a UUID: how the summaries' decoder reads ids.
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let (high, low) = UUIDText.parse(bytes), high != RecordIDTexts.marker {
            self.high = high
            self.low = low
        } else {
            high = RecordIDTexts.marker
            low = RecordIDTexts.shared.place(of: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// No id: what a `PackedOptionalID` holds for nil. Never a place in `RecordIDTexts`, which
    /// counts up from 0.
    static var none: RecordID { RecordID(high: RecordIDTexts.marker, low: .max) }

    var isNone: Bool { high == RecordIDTexts.marker && low == .max }

    private init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public var rawValue: String {
        guard high == RecordIDTexts.marker else { return UUIDText.text(high: high, low: low) }
        // `none` is only ever inside a `PackedOptionalID`, which gives nil for it; a mirror
        // (a test's failure message) may still reach it.
        return isNone ? "" : RecordIDTexts.shared.text(at: low)
    }

    /// A new random id (UUID, lowercased). Ids carry no meaning, so they may be stored in clear.
    public static func make() -> RecordID { RecordID(rawValue: UUID().uuidString.lowercased()) }

    // Written out: for a `RawRepresentable` type the standard library's defaults would compare
    // and hash `rawValue`, making both texts each time (and equating two spellings of one
    // Unicode text).
    public static func == (lhs: RecordID, rhs: RecordID) -> Bool {
        lhs.high == rhs.high && lhs.low == rhs.low
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
        hasher.combine(low)
    }

    /// The order of the ids' bytes, as the store's `ORDER BY` has them, without making their
    /// texts when both are UUIDs: the lower-case hex of two UUIDs orders as their bits do.
    public static func < (lhs: RecordID, rhs: RecordID) -> Bool {
        if lhs.high != RecordIDTexts.marker, rhs.high != RecordIDTexts.marker {
            return (lhs.high, lhs.low) < (rhs.high, rhs.low)
        }
        return lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// A `RecordID?` in the id's own 16 bytes, nil kept as `RecordID.none`: for ids held in every
/// child's values, where the optional's tag byte would take a word of its own.
struct PackedOptionalID<Tag>: Hashable, Sendable, CustomStringConvertible {
    private let packed: RecordID<Tag>

    init(_ id: RecordID<Tag>?) { packed = id ?? .none }

    var id: RecordID<Tag>? { packed.isNone ? nil : packed }

    var description: String { id?.rawValue ?? "nil" }
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
