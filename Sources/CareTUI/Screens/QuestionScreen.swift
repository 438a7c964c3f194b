import CareDomain
import TextUI

/// A question in a centred box, in front of everything, answered only on its buttons: the arrows
/// (or Tab) choose, Enter answers, Esc is "no". No letter answers it — a letter answers by typing,
/// which is how "y" of "yesterday" once threw a note away — and no other key acts while it is
/// up, so nothing typed after it reaches the dashboard or a form.
public struct QuestionScreen: ScreenController {
    /// What a yes does.
    public enum Yes: Sendable, Equatable {
        /// Closes the form with this id, throwing its input and its kept draft away.
        case discardDraft(form: Int, draft: String)
        /// Closes the screen with this id (a review), throwing its answers away.
        case discardScreen(Int)
        /// Quits, throwing away what cannot be kept as a draft (a review's answers).
        case quit
        /// Sends a command the screen with this id built (after an unusual value was confirmed).
        case run(CaseCommand, origin: Int)
        /// Sends several commands, each its own record and audit entry, in order.
        case runAll([CaseCommand], origin: Int)
        /// Writes text with children's names to a file (a printed handover), audited as an export;
        /// the answer goes to the screen `origin`.
        case write(text: String, path: String, summary: String, origin: Int)
    }

    public let id: Int
    public let yes: Yes
    public private(set) var dialog: Confirm

    public static let keyChain = KeyChain([.question, .global], unbound: .typed, globalOnly: [.lock, .redraw])
    public var keyChain: KeyChain { Self.keyChain }
    /// A question closes on the key that answered it; the word being typed may go on.
    public var typingRunsOnAfterClose: Bool { true }

    init(id: Int, title: String, message: [String], yes: Yes, yesLabel: String, noLabel: String) {
        self.id = id
        self.yes = yes
        dialog = Confirm(title: title, message: message, yes: yesLabel, no: noLabel, defaultAnswer: .no)
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "←→", label: "choose"), .fixed(key: "Enter", label: "answer \"\(dialog.dialog.buttons[dialog.dialog.selectedButton])\""),
         .command(.answerNo, "no")]
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        switch command {
        case .answerYes: answer(true, &ctx)
        case .answerNo: answer(false, &ctx)
        default: break
        }
    }

    /// The arrows and Enter on the buttons.
    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        if let given = dialog.handle(key) { answer(given == .yes, &ctx) }
    }

    private func answer(_ yes: Bool, _ ctx: inout ScreenContext) {
        ctx.close()
        guard yes else { return }
        switch self.yes {
        case .discardDraft(let form, let draft):
            ctx.request(.closeScreen(form))
            ctx.ask(.dropDraft(id: draft, reason: "discarded"))
            ctx.say("Discarded.")
        case .discardScreen(let screen):
            ctx.request(.closeScreen(screen))
            ctx.say("Discarded.")
        case .quit:
            ctx.request(.quit)
        case .run(let command, let origin):
            ctx.ask(.perform(command, origin: origin))
        case .runAll(let commands, let origin):
            ctx.ask(commands.map { .perform($0, origin: origin) })
        case .write(let text, let path, let summary, let origin):
            ctx.ask(.writeHandover(text: text, path: path, summary: summary, origin: origin))
        }
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        dialog.render(in: screen, buffer: &buffer, theme: theme)
        return nil
    }
}
