import CareDomain
import Foundation
import TextUI

/// A form on screen: the fields of one `CaseForm`, which has the cursor, and what happened when it
/// was last saved. It has the keyboard until it is saved or cancelled; nothing typed is thrown
/// away without asking.
public struct FormScreen: ScreenController {
    public let id: Int
    public private(set) var form: any CaseForm
    /// The fields, the cursor and what they held when the form opened.
    public var engine: FieldEngine
    /// Words about a conflict or a refusal, shown above the fields.
    public var notice: String?
    /// Fields where the other worker's value differs from this person's, after a conflict.
    public private(set) var theirs: [String: String] = [:]
    /// What those fields held before either save, to say what the other worker changed.
    public private(set) var conflictBase: [String: String] = [:]

    /// Form keys first, then typing into the field, then the global keys (typing comes before
    /// them, so no letter typed into a note can lock or quit).
    public static let keyChain = KeyChain([.form, .global], unbound: .typed)
    public var keyChain: KeyChain { Self.keyChain }

    public init(id: Int, form: any CaseForm, context: FormContext) {
        self.id = id
        self.form = form
        engine = FieldEngine(Self.editors(of: form, in: context))
    }

    /// " for T.M. KEN-2026-0042": whose record, as the screen may show it.
    func subject(_ env: ScreenEnvironment) -> String {
        child.map { " for " + env.dashboard.nameWithCase(ofChild: $0) } ?? ""
    }

    private static func editors(of form: any CaseForm, in context: FormContext) -> [FieldEditor] {
        func open<Form: CaseForm>(_ form: Form) -> [FieldEditor] { form.fields(in: context).map(FieldEditor.init) }
        return open(form)
    }

    public var title: String { form.title }
    public var child: ChildID? { form.child }
    public var fields: [FieldEditor] { engine.fields }
    public var focus: Int { engine.focus }
    public var isDirty: Bool { engine.isDirty }
    public func value(of field: String) -> String? { engine.value(of: field) }
    public var focusedField: FieldEditor? { engine.focusedField }

    /// Sets a field's text, as typing it would (for tests and for rebuilding after a conflict).
    public mutating func set(_ field: String, to value: String) { engine.set(field, to: value) }

    // MARK: The controller

    public var holdsUnsavedInput: Bool { isDirty }
    public var staysBehindLock: Bool { true }
    public var takesText: Bool { engine.acceptsText }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        var hints: [ScreenHint] = [.command(.nextField, "next field"), .command(.save, "save"), .command(.cancel, "cancel")]
        if focusedField?.kind == .note { hints.insert(.fixed(key: "Enter", label: "new line"), at: 1) }
        return hints
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        switch command {
        case .nextField: engine.cycleFocus(by: 1)
        case .previousField: engine.cycleFocus(by: -1)
        case .cancel:
            guard isDirty else { return ctx.close() }
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Discard?",
                message: ["Discard what you typed in \(title)\(subject(ctx.env))? It is not saved anywhere."],
                yes: .discardForm(id), yesLabel: "Discard", noLabel: "Keep editing"))
        case .save:
            switch submit(in: ctx.env.formContext) {
            case .command(let command):
                ctx.ask(.perform(command, origin: id))
            case .confirm(let question, let command):
                ctx.push(QuestionScreen(id: ctx.newID(), title: "Save anyway?", message: [question], yes: .run(command, origin: id),
                                        yesLabel: "Save", noLabel: "Back to the form"))
            case .invalid:
                ctx.say("Nothing saved: check the fields marked ⚠.")
            }
        default:
            break
        }
    }

    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) { engine.type(key) }

    public mutating func typeText(_ text: String, _ ctx: inout ScreenContext) -> Bool {
        guard engine.acceptsText else { return false }
        ctx.say(engine.typeText(text))
        return true
    }

    public mutating func paste(_ text: String, _ ctx: inout ScreenContext) { ctx.say(engine.paste(text)) }

    /// The store's answer to a save: closes the form on success; otherwise keeps every word typed
    /// and says what happened (a conflict is merged field by field).
    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        switch answer {
        case .waiting:
            notice = "Saving: waiting for another session to finish…"
        case .saved(_, .success):
            ctx.close()
        case .saved(_, .failure(.conflict(let conflict))):
            if !merge(conflict, in: ctx.env.formContext) {
                notice = "Another worker changed this record first; your text is kept. Close the form (Esc) and open it again to start from their version."
            }
            ctx.say(notice)
        case .saved(_, .failure(.refused(let words))):
            notice = "Not saved: " + words
            ctx.say(notice)
        default:
            break
        }
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        FormView.render(&self, env, area: area, buffer: &buffer, theme: theme)
    }

    // MARK: Saving

    /// What checking the values gave, with each problem put beside its field.
    public enum Submission: Sendable {
        case command(CaseCommand)
        case confirm(String, CaseCommand)
        case invalid
    }

    public mutating func submit(in context: FormContext) -> Submission {
        engine.clearErrors()
        notice = nil
        var values: [String: String] = [:]
        for field in fields {
            values[field.id] = Sanitizer.clean(field.value, multiline: field.kind.isMultiline)
        }
        var problems: [(field: String, message: String)] = []
        for field in fields where field.required && (values[field.id] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append((field.id, "\(field.label) is required."))
        }
        func check<Form: CaseForm>(_ form: Form) -> Submission {
            switch form.submit(FieldValues<Form.Field>(values), in: context) {
            case .command(let command): return problems.isEmpty ? .command(command) : .invalid
            case .confirm(let question, let command): return problems.isEmpty ? .confirm(question, command) : .invalid
            case .problems(let found):
                problems += found.map { ($0.field.rawValue, $0.message) }
                return .invalid
            }
        }
        let outcome = check(form)
        for problem in problems { engine.mark(problem.field, problem.message) }
        engine.focusFirstProblem()
        return outcome
    }

    /// After another worker saved the same record first: merges their version in field by field.
    /// Where this person left a field as it was, it takes their value; where only this person
    /// changed it, it keeps theirs; where both changed it, this person's text stays and the other
    /// value is shown beside it. The next save goes against their version. Returns false when
    /// the form cannot be rebuilt over their record.
    public mutating func merge(_ conflict: RecordConflict, in context: FormContext) -> Bool {
        func rebase<Form: CaseForm>(_ form: Form) -> (any CaseForm)? { form.rebased(on: conflict.theirs) }
        guard let rebased = rebase(form) else { return false }
        let other = Dictionary(Self.editors(of: rebased, in: context).map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        theirs = [:]
        conflictBase = [:]
        for index in engine.fields.indices {
            let key = engine.fields[index].id
            let base = engine.original[key] ?? ""
            guard let value = other[key], value != base else { continue }
            theirs[key] = value
            conflictBase[key] = base
            if engine.fields[index].value == base { engine.fields[index].value = value }
        }
        engine.rebase(original: other)
        form = rebased
        let when = conflict.savedAt.map { " at " + TimeText.clock($0, zone: context.zone) } ?? ""
        let who = conflict.savedBy.map { " (\($0))" } ?? ""
        notice = "Another worker\(who) changed this record\(when) — your text is kept below; review and save again."
        return true
    }
}

extension FormContext {
    /// The context a form is checked and built against, from the session and the caseload.
    init(_ session: Session, _ dashboard: Dashboard) {
        self.init(now: session.now, zone: session.zone, worker: session.worker, unit: session.unit.code, snapshot: dashboard.snapshot)
    }
}
