/// What the caseload keeps of a child's safety plan: that there is one, and when its review is
/// due (the alert rules' only questions). The steps, trusted adults and safe places are in the
/// record, which the plan's form opens first (`FormLauncher.needsRecord`): at 50,000 children the
/// whole plans were 20 MB of the caseload's memory (docs/benchmarks.md).
public struct SafetyPlanSummary: Sendable, Equatable, Codable {
    public var id: SafetyPlanID
    public var version: Int
    public var child: ChildID
    public var reviewBy: DayDate

    public init(id: SafetyPlanID, version: Int, child: ChildID, reviewBy: DayDate) {
        self.id = id
        self.version = version
        self.child = child
        self.reviewBy = reviewBy
    }

    public init(_ plan: SafetyPlan) {
        self.init(id: plan.id, version: plan.version, child: plan.child, reviewBy: plan.reviewBy)
    }
}
