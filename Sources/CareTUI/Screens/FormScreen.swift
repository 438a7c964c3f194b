import CareDomain
import Foundation
import TextUI

/// A form on screen: the fields of one `CaseForm`, which has the cursor, and what happened when it
/// was last saved. It has the keyboard until it is saved or closed. Nothing typed is lost: closed
/// any way but a save (Esc, the lock, a hang-up, quitting) it is kept as a draft (`Draft`),
/// restored when the same form opens again; only Ctrl-D, answered on a button, throws it away.
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
    /// Esc was pressed and the draft is on its way to the store: the form closes once it is kept,
    /// and stays open, saying why, when it could not be.
    public private(set) var closingToDraft = false

    /// Form keys first, then typing into the field, then the global keys (typing comes before
    /// them, so no letter typed into a note can lock or quit).
    public static let keyChain = KeyChain([.form, .global], unbound: .typed)
    public var keyChain: KeyChain { Self.keyChain }

    public init(id: Int, form: any CaseForm, context: FormContext) {
        self.id = id
        self.form = form
        engine = FieldEngine(Self.editors(of: form, in: context))
        func first<Form: CaseForm>(_ form: Form) -> String? { form.firstField?.rawValue }
        if let field = first(form), let index = engine.fields.firstIndex(where: { $0.id == field }) { engine.focus = index }
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
        var hints: [ScreenHint] = [.command(.nextField, "next field"), .command(.save, "save"), .command(.cancel, isDirty ? "close, keep draft" : "close")]
        if isDirty || storedDraft(env) != nil { hints.append(.command(.discardDraft, "discard")) }
        if focusedField?.kind == .note { hints.insert(.fixed(key: "Enter", label: "new line"), at: 1) }
        return hints
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        switch command {
        case .nextField: engine.cycleFocus(by: 1)
        case .previousField: engine.cycleFocus(by: -1)
        case .cancel:
            // Esc asks nothing: what is typed is kept as a draft, and the form closes once it is.
            guard isDirty else { return ctx.close() }
            guard !closingToDraft else { return }
            closingToDraft = true
            ctx.ask(.keepDraft(makeDraft(ctx.env), origin: id))
        case .discardDraft:
            let stored = storedDraft(ctx.env) != nil
            guard isDirty || stored else { return ctx.say("Nothing to discard: nothing is typed here and no draft is kept.") }
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Discard the draft?",
                message: ["Throw away what is typed in \(title)\(subject(ctx.env))\(stored ? " and its kept draft" : "")? It cannot be brought back.",
                          "Choose with ← →, answer with Enter; Esc keeps editing."],
                yes: .discardDraft(form: id, draft: draftID(ctx.env)), yesLabel: "Discard", noLabel: "Keep editing"))
        case .save:
            switch submit(in: ctx.env.formContext) {
            case .command(let command):
                ctx.ask(.perform(command, origin: id))
            case .confirm(let question, let command):
                ctx.push(QuestionScreen(id: ctx.newID(), title: "Save anyway?", message: [question], yes: .run(command, origin: id),
                                        yesLabel: "Save", noLabel: "Back to the form"))
            case .invalid:
                ctx.say(Self.refusalWords(marked: fields.filter { $0.error != nil }.map(\.label)))
            }
        default:
            break
        }
    }

    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) { ctx.say(engine.type(key)) }

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
            if storedDraft(ctx.env) != nil { ctx.ask(.dropDraft(id: draftID(ctx.env), reason: "saved as the record")) }
            ctx.close()
        case .draftKept(nil):
            ctx.close()
            ctx.say("Kept as a draft: \(form.draftName)\(subject(ctx.env)). Open \(title) again to go on; Ctrl-D there discards it.")
        case .draftKept(let failure?):
            closingToDraft = false
            notice = "No draft could be kept (\(failure.words)); the form stays open with your text."
            ctx.say(notice)
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

    // MARK: Drafts

    /// The id of this form's draft for the signed-in worker: one per worker, child and form.
    public func draftID(_ env: ScreenEnvironment) -> String {
        Draft.id(worker: env.worker.id, child: child, form: String(describing: Swift.type(of: form)))
    }

    /// The draft the store keeps of this form, if any.
    public func storedDraft(_ env: ScreenEnvironment) -> Draft? {
        let id = draftID(env)
        return env.dashboard.drafts.first { $0.id == id && $0.isKept }
    }

    public func draft(_ env: ScreenEnvironment) -> Draft? { isDirty ? makeDraft(env) : nil }

    /// What the fields hold now, as a draft sealed under the class of the record they would save.
    func makeDraft(_ env: ScreenEnvironment) -> Draft {
        let values = Dictionary(fields.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        func build<Form: CaseForm>(_ form: Form) -> Draft {
            Draft(worker: env.worker.id, child: form.child, form: String(describing: Form.self), name: form.draftName, fields: values,
                  focus: focusedField?.id, savedAt: env.now, visibility: form.draftVisibility(FieldValues<Form.Field>(values)))
        }
        return build(form)
    }

    /// Opened with a draft kept: its text goes back into the fields, and the person is told.
    public mutating func opened(_ ctx: inout ScreenContext) {
        guard let draft = storedDraft(ctx.env) else { return }
        for (field, value) in draft.fields where engine.value(of: field) != nil { engine.set(field, to: value) }
        if let focus = draft.focus, let index = fields.firstIndex(where: { $0.id == focus }) { engine.focus = index }
        let zone = ctx.env.zone
        let when = DayDate(draft.savedAt, in: zone) == ctx.env.today ? TimeText.clock(draft.savedAt, zone: zone) : TimeText.format(draft.savedAt, zone: zone)
        notice = "Draft from \(when) restored. Ctrl-S saves it; Ctrl-D discards it."
        ctx.say("Draft from \(when) restored.")
        ctx.ask(.draftRestored(draft))
    }

    // MARK: Saving

    /// What checking the values gave, with each problem put beside its field.
    public enum Submission: Sendable {
        case command(CaseCommand)
        case confirm(String, CaseCommand)
        case invalid
    }

    /// "Nothing saved: check Review by, marked ⚠.": the fields are named as well as marked, so
    /// the status line says where to look without reading the whole form.
    static func refusalWords(marked labels: [String]) -> String {
        guard let last = labels.last else { return "Nothing saved: check the fields marked ⚠." }
        let names = labels.count == 1 ? last : labels.dropLast().joined(separator: ", ") + " and " + last
        return "Nothing saved: check \(names), marked ⚠."
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
