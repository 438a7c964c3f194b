import Foundation

/// A child's safety plan: who does what, whom the youth trusts, where they can go.
public struct SafetyPlan: CareRecord {
    public static let kind = RecordKind.safetyPlan

    public struct Step: Hashable, Codable, Sendable {
        public var text: String
        public var owner: String

        public init(text: String, owner: String) {
            self.text = text
            self.owner = owner
        }
    }

    public var id: SafetyPlanID
    public var version: Int
    public var child: ChildID
    public var steps: [Step]
    public var trustedAdults: [String]
    public var safePlaces: [String]
    public var reviewBy: DayDate

    public init(
        id: SafetyPlanID = .make(), version: Int = 0, child: ChildID, steps: [Step] = [],
        trustedAdults: [String] = [], safePlaces: [String] = [], reviewBy: DayDate
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.steps = steps
        self.trustedAdults = trustedAdults
        self.safePlaces = safePlaces
        self.reviewBy = reviewBy
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
}
