/// The broad identity a youth names. Formal membership is never required.
public enum IndigenousGroup: String, Codable, Sendable, CaseIterable {
    case firstNations = "First Nations"
    case inuk = "Inuk"
    case metis = "Métis"
}

/// One community or Nation a youth identifies with, and who represents it for this youth.
public struct Affiliation: Hashable, Codable, Sendable {
    public var group: IndigenousGroup
    public var community: String
    public var representativeContact: String

    public init(group: IndigenousGroup, community: String, representativeContact: String = "") {
        self.group = group
        self.community = community
        self.representativeContact = representativeContact
    }
}

/// A youth may identify with several communities, or none, or not say.
public enum IndigenousIdentity: Hashable, Codable, Sendable {
    case affiliations([Affiliation])
    case notIndigenous
    case notDisclosed
    case unknown

    public var affiliations: [Affiliation] {
        if case .affiliations(let list) = self { return list }
        return []
    }

    /// True when the youth has named at least one affiliation; drives the cultural-safety review.
    public var isIndigenous: Bool { !affiliations.isEmpty }

    public var summary: String {
        switch self {
        case .affiliations(let list) where list.isEmpty: "unknown"
        case .affiliations(let list):
            list.map { $0.community.isEmpty ? $0.group.rawValue : "\($0.group.rawValue) — \($0.community)" }
                .joined(separator: "; ")
        case .notIndigenous: "not Indigenous"
        case .notDisclosed: "not disclosed"
        case .unknown: "unknown"
        }
    }
}
