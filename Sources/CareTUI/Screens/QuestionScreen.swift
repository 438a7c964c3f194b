import CareDomain
import TextUI

/// A yes/no question in a centred box, in front of everything. It takes only its answers (y, n,
/// Esc, or the arrows and Enter on its buttons); no other key acts while it is up, so nothing
/// typed after it reaches the dashboard or a form.
public struct QuestionScreen: Sendable {
    /// What a yes does.
    public enum Yes: Sendable, Equatable {
        /// Closes the form with this id, throwing its input away.
        case discardForm(Int)
        /// Quits, throwing away any unsaved input.
        case quit
        /// Sends a command the form with this id built (after an unusual value was confirmed).
        case run(CaseCommand, origin: Int)
        /// Writes text with children's names to a file (a printed handover), audited as an export.
        case write(text: String, path: String, summary: String)
    }

    public let id: Int
    public let yes: Yes
    public private(set) var dialog: Confirm

    public static let keyChain = KeyChain([.question, .global], unbound: .typed, globalOnly: [.lock, .redraw])

    init(id: Int, title: String, message: [String], yes: Yes, yesLabel: String, noLabel: String) {
        self.id = id
        self.yes = yes
        dialog = Confirm(title: title, message: message, yes: yesLabel, no: noLabel, defaultAnswer: .no)
    }

    /// The answer a button key gives, if it gives one.
    mutating func press(_ key: Key) -> Confirm.Answer? {
        dialog.handle(key)
    }

    func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        dialog.render(in: area, buffer: &buffer, theme: theme)
    }
}
