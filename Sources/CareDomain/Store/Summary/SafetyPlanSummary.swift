/// What the caseload keeps of a child's safety plan: that there is one, and when its review is
/// due (the alert rules' only questions). The steps, trusted adults and safe places are in the
/// record, which the plan's form opens first (`FormLauncher.needsRecord`): at 50,000 children the
/// whole plans were 20 MB of the caseload's memory, and their ids and versions alone 9 MB more
/// than the review dates (docs/benchmarks.md).
public struct SafetyPlanSummary: Sendable, Equatable, Codable {
    public var reviewBy: DayDate

    public init(reviewBy: DayDate) {
        self.reviewBy = reviewBy
    }

    public init(_ plan: SafetyPlan) {
        self.init(reviewBy: plan.reviewBy)
    }
}
