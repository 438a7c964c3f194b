import CareDomain
import Foundation
import TextUI

/// A form on screen: the fields of one `CaseForm`, which has the cursor, and what happened when it
/// was last saved. It has the keyboard until it is saved or cancelled; nothing typed is thrown
/// away without asking.
public struct FormScreen: Sendable {
    public let id: Int
    public private(set) var form: any CaseForm
    public var fields: [FieldEditor]
    public var focus = 0
    /// Field values when the form opened (or after a conflict was merged), by field id.
    public private(set) var original: [String: String]
    /// Words about a conflict or a refusal, shown above the fields.
    public var notice: String?
    /// Fields where the other worker's value differs from this person's, after a conflict.
    public private(set) var theirs: [String: String] = [:]
    /// What those fields held before either save, to say what the other worker changed.
    public private(set) var conflictBase: [String: String] = [:]
    /// The first field row shown, when the form is taller than the screen.
    public var scroll = 0

    /// Form keys first, then typing into the field, then the global keys (typing comes before
    /// them, so no letter typed into a note can lock or quit).
    public static let keyChain = KeyChain([.form, .global], unbound: .typed)

    public init(id: Int, form: any CaseForm, context: FormContext) {
        self.id = id
        self.form = form
        fields = Self.editors(of: form, in: context)
        original = Dictionary(fields.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    private static func editors(of form: any CaseForm, in context: FormContext) -> [FieldEditor] {
        func open<Form: CaseForm>(_ form: Form) -> [FieldEditor] { form.fields(in: context).map(FieldEditor.init) }
        return open(form)
    }

    public var title: String { form.title }
    public var child: ChildID? { form.child }

    public var isDirty: Bool { fields.contains { original[$0.id] != $0.value } }

    public func value(of field: String) -> String? { fields.first { $0.id == field }?.value }

    public var focusedField: FieldEditor? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// Sets a field's text, as typing it would (for tests and for rebuilding after a conflict).
    public mutating func set(_ field: String, to value: String) {
        if let index = fields.firstIndex(where: { $0.id == field }) { fields[index].value = value }
    }

    // MARK: Editing

    mutating func focusNext() { focus = min(focus + 1, fields.count - 1) }
    mutating func focusPrevious() { focus = max(focus - 1, 0) }

    mutating func cycleFocus(by step: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + step + fields.count) % fields.count
    }

    /// A key typed into the focused field.
    public mutating func type(_ key: Key, width: Int) {
        guard fields.indices.contains(focus) else { return }
        switch fields[focus].handle(key, width: width) {
        case .next: focusNext()
        case .previous: focusPrevious()
        case .edited, .unused: break
        }
    }

    /// Whether the focused field takes typed text (not a choice).
    var acceptsText: Bool {
        guard let field = focusedField else { return false }
        if case .choice = field.kind { return false }
        return true
    }

    /// Characters typed into the focused field in one go, as far as it has room; words when
    /// some did not fit.
    mutating func typeText(_ text: String) -> String? {
        guard fields.indices.contains(focus) else { return nil }
        return fields[focus].type(text)
    }

    /// A paste into the focused field; refused whole, with the reason in words, when too long.
    mutating func paste(_ text: String) -> String? {
        guard fields.indices.contains(focus) else { return nil }
        switch fields[focus].paste(text) {
        case .inserted: return nil
        case .notText: return "\(fields[focus].label) is a choice; move to a text field to paste."
        case .tooLong(let pasted, let room):
            return "Not pasted: that is \(pasted.formatted()) characters and \(fields[focus].label) has room for \(room.formatted()) more. Nothing was changed."
        }
    }

    // MARK: Saving

    /// What checking the values gave, with each problem put beside its field.
    public enum Submission: Sendable {
        case command(CaseCommand)
        case confirm(String, CaseCommand)
        case invalid
    }

    public mutating func submit(in context: FormContext) -> Submission {
        for index in fields.indices { fields[index].error = nil }
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
        for problem in problems {
            if let index = fields.firstIndex(where: { $0.id == problem.field }), fields[index].error == nil {
                fields[index].error = problem.message
            }
        }
        if let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
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
        for index in fields.indices {
            let key = fields[index].id
            let base = original[key] ?? ""
            guard let value = other[key], value != base else { continue }
            theirs[key] = value
            conflictBase[key] = base
            if fields[index].value == base { fields[index].value = value }
        }
        original = other
        form = rebased
        let when = conflict.savedAt.map { " at " + TimeText.clock($0, zone: context.zone) } ?? ""
        let who = conflict.savedBy.map { " (\($0))" } ?? ""
        notice = "Another worker\(who) changed this record\(when) — your text is kept below; review and save again."
        return true
    }
}
