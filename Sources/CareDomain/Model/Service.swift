/// A service in the unit's catalogue that a child can be referred to. Editable by supervisors.
public struct Service: CareRecord {
    public static let kind = RecordKind.service

    public enum Category: String, Codable, Sendable, CaseIterable {
        case counselling
        case indigenousHealing = "Indigenous healing and ceremony"
        case elder = "Elder or knowledge keeper"
        case outOfHomeResidence = "licensed out-of-home care residence"
        case youthInTransition = "Youth-In-Transition Worker"
        case sexualHealth = "sexual health and medical"
        case addictions
        case education
        case legalAndVictim = "legal and victim services"
        case housing
        case familySupport = "family support"
    }

    public var id: ServiceID
    public var version: Int
    public var name: String
    public var category: Category
    public var provider: String
    public var indigenousLed: Bool
    /// A culturally specific service always needs a liaison's review, whoever it is for.
    public var culturallySpecific: Bool
    public var languages: [String]
    public var region: String

    public init(
        id: ServiceID = .make(), version: Int = 0, name: String, category: Category, provider: String,
        indigenousLed: Bool = false, culturallySpecific: Bool = false, languages: [String] = ["English"],
        region: String
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.category = category
        self.provider = provider
        self.indigenousLed = indigenousLed
        self.culturallySpecific = culturallySpecific
        self.languages = languages
        self.region = region
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }
}
