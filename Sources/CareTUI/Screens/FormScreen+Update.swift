import CareDomain
import Foundation

/// The form's part of `Update`: its keys, and what a save's result does to it.
enum FormUpdate {
    static func context(_ state: AppState) -> FormContext {
        FormContext(now: state.now, zone: state.zone, worker: state.worker, unit: state.unit.code, snapshot: state.dashboard.snapshot)
    }

    static func run(_ command: Command, on form: inout FormScreen, in state: inout AppState) -> ScreenStep {
        switch command {
        case .nextField: form.cycleFocus(by: 1)
        case .previousField: form.cycleFocus(by: -1)
        case .cancel:
            guard form.isDirty else { return .close }
            let question = QuestionScreen(
                id: state.takeScreenID(), title: "Discard?",
                message: ["Discard what you typed in \(form.title)\(subject(form, state))? It is not saved anywhere."],
                yes: .discardForm(form.id), yesLabel: "Discard", noLabel: "Keep editing")
            return ScreenStep(push: .question(question))
        case .save:
            switch form.submit(in: context(state)) {
            case .command(let command):
                return ScreenStep(effects: [.perform(command, origin: form.id)])
            case .confirm(let question, let command):
                let ask = QuestionScreen(id: state.takeScreenID(), title: "Save anyway?", message: [question], yes: .run(command, origin: form.id),
                                         yesLabel: "Save", noLabel: "Back to the form")
                return ScreenStep(push: .question(ask))
            case .invalid:
                state.message = "Nothing saved: check the fields marked ⚠."
            }
        default:
            break
        }
        return .stay
    }

    /// " for T.M. KEN-2026-0042": whose record, as the screen may show it.
    static func subject(_ form: FormScreen, _ state: AppState) -> String {
        form.child.map { " for " + state.dashboard.nameWithCase(ofChild: $0) } ?? ""
    }

    /// The store's answer to a form's save: closes the form on success; otherwise keeps every
    /// word typed and says what happened (a conflict is merged field by field).
    static func finished(_ result: Result<CommandOutcome, StoreFailure>, form: inout FormScreen, in state: inout AppState) -> Bool {
        switch result {
        case .success:
            return false
        case .failure(.conflict(let conflict)):
            if !form.merge(conflict, in: context(state)) {
                form.notice = "Another worker changed this record first; your text is kept. Close the form (Esc) and open it again to start from their version."
            }
            state.message = form.notice
        case .failure(.refused(let words)):
            form.notice = "Not saved: " + words
            state.message = form.notice
        }
        return true
    }
}
