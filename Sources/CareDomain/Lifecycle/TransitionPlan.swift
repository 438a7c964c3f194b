import Foundation

/// A youth's plan for leaving care (Ontario's Ready, Set, Go: planning from 13, a checklist
/// before the 18th birthday, support to 23). From 16 a worker keeps one on the child's record
/// (`Child.transitionPlan`, saved by its own command); the aging-out alert names the items not
/// done, and a closure "aged out, transitioned" carries it.
public struct TransitionPlan: Hashable, Codable, Sendable {
    /// The age from which a plan may be kept.
    public static let fromAge = 16

    /// The checklist, in the order the form shows it.
    public enum Item: String, Codable, Sendable, CaseIterable {
        case housing
        case income
        case educationOrWork = "education or work"
        case documents = "health card and ID documents"
        case doctor = "a doctor"
        case transitionWorker = "a Youth-In-Transition worker"
        case trustedPerson = "a person the youth trusts"
    }

    public enum State: String, Codable, Sendable, CaseIterable {
        case notStarted = "not started"
        case underway
        case done
    }

    /// One checklist item: who sees to it, by when, how far it is.
    public struct Entry: Hashable, Codable, Sendable {
        public var item: Item
        /// A person, as people name them ("the youth", "Test Worker"): free words.
        public var owner: String
        public var due: DayDate?
        public var state: State
        /// For the Youth-In-Transition worker: their name and how to reach them; otherwise notes.
        public var detail: String

        public init(item: Item, owner: String = "", due: DayDate? = nil, state: State = .notStarted, detail: String = "") {
            self.item = item
            self.owner = owner
            self.due = due
            self.state = state
            self.detail = detail
        }
    }

    /// One entry per item, in `Item`'s order.
    public var entries: [Entry]
    /// Bumped by every save: a save carrying an older revision is someone else's change overwritten.
    public var revision: Int
    public var updatedBy: WorkerID?
    public var updatedAt: Date?

    public init(entries: [Entry] = Item.allCases.map { Entry(item: $0) }, revision: Int = 0, updatedBy: WorkerID? = nil, updatedAt: Date? = nil) {
        self.entries = entries
        self.revision = revision
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }

    public func entry(_ item: Item) -> Entry { entries.first { $0.item == item } ?? Entry(item: item) }

    /// The items not done, in the checklist's order.
    public var undone: [Item] { Item.allCases.filter { entry($0).state != .done } }

    public var isDone: Bool { undone.isEmpty }

    /// What is wrong with it, in words; empty when it will do.
    public var problems: [String] {
        var problems: [String] = []
        if Set(entries.map(\.item)).count != entries.count { problems.append("A transition plan lists each item once.") }
        for entry in entries where entry.state != .notStarted && entry.owner.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("Name who sees to \(entry.item.rawValue).")
        }
        return problems
    }
}
