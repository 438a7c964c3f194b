import Foundation

/// A child sent to another unit (`care transfer export`): to whom, as the receiving unit's
/// authority fingerprint, the youth's consent as recorded first, who sent it and when. The
/// sending copy is closed ("transferred to another society") and read-only from then on.
public struct TransferOut: Hashable, Codable, Sendable {
    /// The receiving unit's authority fingerprint (`UnitAuthority.fingerprint`): no name.
    public var toAuthority: String
    /// The consent as recorded before the file was sealed (who agreed, when, how).
    public var consent: String
    public var by: WorkerID
    public var at: Date

    public init(toAuthority: String, consent: String, by: WorkerID, at: Date) {
        self.toAuthority = toAuthority
        self.consent = consent
        self.by = by
        self.at = at
    }

    /// What the record and every refusal to change it say.
    public func words(zone: TimeZone) -> String {
        "transferred to the unit with authority key \(toAuthority) on \(TimeText.format(at, zone: zone))"
    }
}
