/// The unit's own cultural-safety checklist: the questions a liaison answers on every review.
///
/// One per store (`unitID`), kept in the store beside the service catalogue rather than in each
/// worker's config, so every liaison of the unit answers the same questions, and a change is
/// sealed, versioned and audited like any record. It is seeded from
/// `catalogue/review-checklist.toml` when a store is made and replaced by a supervisor
/// (`care services checklist FILE.toml`). A referral takes the questions when it is drafted, so
/// changing them never changes a review under way.
public struct ReviewChecklist: CareRecord {
    public static let kind = RecordKind.reviewChecklist
    /// The id of the unit's one checklist.
    public static let unitID = ChecklistID(rawValue: "unit-checklist")

    public var id: ChecklistID
    public var version: Int
    public var questions: [String]

    public init(id: ChecklistID = ReviewChecklist.unitID, version: Int = 0, questions: [String] = CulturalSafetyReview.defaultQuestions) {
        self.id = id
        self.version = version
        self.questions = questions
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }

    /// The checklist items of a new review: every question, unanswered.
    public var blankItems: [CulturalSafetyReview.Item] { questions.map { CulturalSafetyReview.Item(question: $0) } }
}

public typealias ChecklistID = RecordID<ReviewChecklist>
