import Foundation

/// Where the child is known to be. `missing` is never stored on the child: it is derived from an
/// open `MissingEpisode`, so the two cannot disagree.
public enum Whereabouts: Hashable, Codable, Sendable {
    case located(place: String, since: Date)
    case missing(since: Date, lastSeen: String)
    case unknown

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}
