/// The names a workflow's table is written in: its steps, its states and its conditions, each
/// a `String` enum so a row reads as words (`description`) in tests and docs.
public typealias WorkflowWord = RawRepresentable & Hashable & Sendable

/// One row of a workflow's table: a step, the state it starts from, the state it leads to, the
/// permission it needs (so the role table decides who), and what else must hold. The case
/// lifecycle (`CaseLifecycle`) and transfers (`TransferWorkflow`) are tables of these rows.
public struct WorkflowTransition<Step: WorkflowWord, State: WorkflowWord, Condition: WorkflowWord>: Hashable, Sendable, CustomStringConvertible
where Step.RawValue == String, State.RawValue == String, Condition.RawValue == String {
    public let step: Step
    public let from: State
    public let to: State
    public let permission: Permission
    public let conditions: [Condition]

    public init(_ step: Step, _ from: State, _ to: State, _ permission: Permission, if conditions: [Condition] = []) {
        self.step = step
        self.from = from
        self.to = to
        self.permission = permission
        self.conditions = conditions
    }

    public var description: String {
        "\(step.rawValue): \(from.rawValue) → \(to.rawValue) (\(permission.rawValue)\(conditions.map { ", \($0.rawValue)" }.joined()))"
    }
}
