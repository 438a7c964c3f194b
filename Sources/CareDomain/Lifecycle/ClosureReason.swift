/// Why a case closes: one of the unit's reasons, or "other" with the worker's own words.
///
/// The unit's list (`ClosureReason.standardChoices` unless the unit changed it) is offered by the
/// closure form; the store keeps the words chosen, so changing the list never rewrites a closure.
public struct ClosureReason: Hashable, Codable, Sendable {
    /// The choice that needs words of its own.
    public static let other = "other"
    /// The choice a closure with a transition plan is made under: the plan goes with the closure.
    public static let agedOut = "aged out, transitioned"
    /// The reasons a unit starts with (issue 27, after OSCaR's exit reasons).
    public static let standardChoices = [
        "located and stable", "moved out of the region", "transferred to another society", agedOut,
        "declined service", "died", other,
    ]

    /// One of the unit's choices.
    public var choice: String
    /// The words of an "other" reason; empty for the others.
    public var otherWords: String

    public init(choice: String, otherWords: String = "") {
        self.choice = choice
        self.otherWords = otherWords
    }

    public var isOther: Bool { choice == Self.other }

    /// As screens and the audit say it: "declined service", "other: family asked (test)".
    public var words: String { isOther ? "other: \(otherWords)" : choice }

    /// What is wrong with it, in words; empty when it will do.
    public var problems: [String] {
        var problems: [String] = []
        if choice.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("Choose the reason the case closes.") }
        if isOther && otherWords.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("Say in words why the case closes when the reason is \"other\".")
        }
        return problems
    }
}
