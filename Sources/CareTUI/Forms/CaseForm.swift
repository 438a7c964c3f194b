import CareDomain
import Foundation

/// One form: its fields, by a typed id, and how the values become a store command.
///
/// A form is a small value per purpose (`ContactForm`, `MissingReportForm`, ...). It declares its
/// fields with their first values, turns the typed values into a `CaseCommand` or names what is
/// wrong field by field (the rules about the data come from `CareDomain`), and, after another
/// worker saved the same record first, rebuilds itself over their version so the two can be
/// merged field by field. `FormScreen` does the editing, drawing and saving for every form.
public protocol CaseForm: Sendable {
    associatedtype Field: FormFieldID

    /// What the form does, e.g. "Log contact".
    var title: String { get }
    /// Whose record it writes to; the title names them so nobody saves to the wrong child.
    var child: ChildID? { get }
    func fields(in context: FormContext) -> [FieldSpec<Field>]
    func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field>
    /// The same form over `theirs`, the version another worker saved first; nil when this form
    /// cannot conflict (a new record) or `theirs` is not its record.
    func rebased(on theirs: AnyRecord) -> Self?

    /// The field that has the cursor when the form opens (nil: the first). A field already
    /// chosen (the service picked before the new referral opened) is not where typing goes.
    var firstField: Field? { get }
    /// What a draft of this form is of, in words ("contact note").
    var draftName: String { get }
    /// The class of the record the values would save, which its draft is sealed under (a
    /// restricted note's draft under the restricted key).
    func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass
}

extension CaseForm {
    public func rebased(on theirs: AnyRecord) -> Self? { nil }
    public var firstField: Field? { nil }
    public var draftName: String { title.prefix(1).lowercased() + title.dropFirst() }
    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .team }
    /// Which form a draft belongs to: one per worker, child and form.
    public var draftForm: String { String(describing: Self.self) }
}

/// A form's field ids: an enum whose raw values are stable names (never shown).
public protocol FormFieldID: Hashable, Sendable, RawRepresentable, CaseIterable where RawValue == String {}

/// What a form knows while it builds its fields and checks its values.
public struct FormContext: Sendable {
    public var now: Date
    public var zone: TimeZone
    public var worker: Worker
    public var unit: String
    /// The caseload as loaded, for checks across records (a possible duplicate child).
    public var snapshot: CaseloadSnapshot

    public init(now: Date, zone: TimeZone, worker: Worker, unit: String, snapshot: CaseloadSnapshot = CaseloadSnapshot()) {
        self.now = now
        self.zone = zone
        self.worker = worker
        self.unit = unit
        self.snapshot = snapshot
    }

    public var today: DayDate { DayDate(now, in: zone) }
}

/// What checking a form's values gave.
public enum FormOutcome<Field: FormFieldID>: Sendable {
    /// Ready: the command to send to the store.
    case command(CaseCommand)
    /// Not ready: what is wrong, beside each field.
    case problems([Problem<Field>])
    /// Allowed but unusual: the question to ask, and the command to send if the answer is yes.
    case confirm(String, CaseCommand)
}

/// How one field is edited.
public enum FieldKind: Sendable, Equatable {
    /// One line of text.
    case text
    /// Several lines of free text (a note): Enter starts a new line, Tab leaves the field.
    case note
    /// Several items, one per line: Enter adds one after a non-empty line.
    case list
    /// One of a fixed set of options; ←/→ or Space cycle, a letter jumps to an option.
    case choice([String])
    /// `YYYY-MM-DD`.
    case date
    /// `YYYY-MM-DD HH:MM`, or `HH:MM` for the last such time, in the unit's time zone.
    case time

    var isMultiline: Bool { self == .note || self == .list }

    /// The most characters the field holds: enough for a long note, small enough that a stray
    /// paste of a whole document is refused in words rather than saved. A date or a time holds
    /// far more than its format needs, so what a person typed ("next tuesday-ish") stays whole
    /// and the check answers about exactly that, in words, rather than about a cut-off part.
    public var limit: Int {
        switch self {
        case .text: 500
        case .note: 20_000
        case .list: 5_000
        case .choice: 0
        case .date, .time: 64
        }
    }
}

/// A field as its form declares it.
public struct FieldSpec<ID: FormFieldID>: Sendable {
    public var id: ID
    public var label: String
    public var kind: FieldKind
    /// The value the field opens with.
    public var value: String
    public var required: Bool
    public var hint: String

    public init(_ id: ID, _ label: String, kind: FieldKind = .text, value: String = "", required: Bool = false, hint: String = "") {
        self.id = id
        self.label = label
        self.kind = kind
        self.value = value
        self.required = required
        self.hint = hint
    }
}

/// The values typed into a form, read by field id.
public struct FieldValues<Field: FormFieldID>: Sendable {
    private let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// The value without spaces or blank lines around it.
    public subscript(_ field: Field) -> String {
        (values[field.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The items of a list field, trimmed, empty lines dropped.
    public func items(_ field: Field) -> [String] {
        (values[field.rawValue] ?? "").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A time field: nil with a problem when it is empty (and required) or not a time. When the
    /// text still reads as `keeping` did, that exact time comes back (forms show minutes; a time
    /// with seconds is not moved by saving it unchanged).
    public func time(_ field: Field, in context: FormContext, required: Bool = true, upcoming: Bool = false, keeping: Date? = nil,
                     problems: inout [Problem<Field>]) -> Date? {
        let text = self[field]
        if let keeping, text == TimeText.format(keeping, zone: context.zone) { return keeping }
        if text.isEmpty {
            if required { problems.append(Problem(field, "Give a time as YYYY-MM-DD HH:MM, or HH:MM.")) }
            return nil
        }
        guard let date = TimeText.parse(text, zone: context.zone, now: context.now, upcoming: upcoming) else {
            problems.append(Problem(field, "\"\(text)\" is not a time; write it as YYYY-MM-DD HH:MM, or HH:MM."))
            return nil
        }
        return date
    }

    /// A date field: nil with a problem when it is empty (and required) or not a date.
    public func day(_ field: Field, required: Bool = true, problems: inout [Problem<Field>]) -> DayDate? {
        let text = self[field]
        if text.isEmpty {
            if required { problems.append(Problem(field, "Give a date as YYYY-MM-DD.")) }
            return nil
        }
        guard let day = DayDate(iso: text) else {
            problems.append(Problem(field, "\"\(text)\" is not a date; write it as YYYY-MM-DD."))
            return nil
        }
        return day
    }
}

extension Array {
    /// Domain-rule problems moved onto a form's fields; problems about fields the form does not
    /// show go to `fallback`.
    func mapped<From, To>(_ map: (From) -> To?, fallback: To) -> [Problem<To>] where Element == Problem<From> {
        self.map { Problem(map($0.field) ?? fallback, $0.message) }
    }
}
