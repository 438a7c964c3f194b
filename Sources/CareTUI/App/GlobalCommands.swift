import CareDomain
import TextUI

/// The commands of the global context: help, the palette, masking, the handover, redraw, lock and
/// quit. They work over every screen that lets them through (`KeyChain.globalOnly`).
enum GlobalCommands {
    static func run(_ command: Command, in state: inout AppState) -> [Effect] {
        switch command {
        case .help:
            let id = state.takeScreenID()
            state.screens.append(HelpScreen(id: id, entries: BindingEntries.of(state), typing: HelpScreen.typing(for: state.keyChain)))
        case .palette:
            let id = state.takeScreenID()
            state.screens.append(CommandPalette(id: id, entries: BindingEntries.of(state).filter { $0.context != .global || $0.command != .palette }))
        case .toggleMask:
            state.dashboard.masked.toggle()
        case .handover:
            return openHandover(in: &state)
        case .redraw:
            return [.redrawAll]
        case .lock:
            return Update.engageLock("Locked.", in: &state)
        case .quit:
            // What the forms hold is kept as drafts, restored when they open again; only what
            // cannot be (a review's answers) is asked about, on buttons.
            let env = state.env
            guard state.screens.contains(where: { $0.holdsUnsavedInput && $0.draft(env) == nil }) else {
                state.quitRequested = true
                return Update.keepDrafts(in: state)
            }
            let id = state.takeScreenID()
            state.screens.append(QuestionScreen(id: id, title: "Quit?", message: ["Quit and discard the answers of the open review?",
                                                                              "Choose with ← →, answer with Enter."],
                                                yes: .quit, yesLabel: "Quit", noLabel: "Back to the review"))
        default:
            break
        }
        return []
    }

    /// Why a global command is off now; nil when it works.
    static func reason(_ command: Command, in state: AppState) -> String? { nil }

    /// `H`: the handover, brought to the front when it is open already.
    static func openHandover(in state: inout AppState) -> [Effect] {
        if let index = state.screens.lastIndex(where: { $0 is HandoverScreen }) {
            state.screens.append(state.screens.remove(at: index))
            return []
        }
        let screen = HandoverScreen(id: state.takeScreenID(), window: HandoverScreen.defaultWindow(state.session))
        state.screens.append(screen)
        return [screen.load(state.session)]
    }
}
