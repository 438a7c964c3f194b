import TextUI

/// The fields of a form being edited, one of them with the cursor: typing, pasting and moving
/// between fields, what was there when it opened, and the words beside each field. Every screen
/// that edits fields runs on it (a form, the cultural-safety review), so a key does the same in
/// each; a screen reads and marks its fields by its own field ids.
public struct FieldEngine: Sendable {
    public var fields: [FieldEditor]
    public var focus = 0
    /// Field values when the form opened (or after a conflict was merged), by field id.
    public private(set) var original: [String: String]
    /// Columns the focused value had at the last render (for moving by wrapped row in a note).
    public var valueWidth = 60

    public init(_ fields: [FieldEditor]) {
        self.fields = fields
        original = Dictionary(fields.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public var isDirty: Bool { fields.contains { original[$0.id] != $0.value } }

    public var focusedField: FieldEditor? { fields.indices.contains(focus) ? fields[focus] : nil }

    public func index<Field: FormFieldID>(of field: Field) -> Int? { fields.firstIndex { $0.id == field.rawValue } }
    public func value(of id: String) -> String? { fields.first { $0.id == id }?.value }
    public func value<Field: FormFieldID>(_ field: Field) -> String { value(of: field.rawValue) ?? "" }

    /// Sets a field's text, as typing it would.
    public mutating func set(_ id: String, to value: String) {
        if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].value = value }
    }

    /// Takes `values` as the values it started from (after a conflict was merged).
    mutating func rebase(original values: [String: String]) { original = values }

    // MARK: Focus

    mutating func focusNext() { focus = min(focus + 1, fields.count - 1) }
    mutating func focusPrevious() { focus = max(focus - 1, 0) }

    /// Tab and Shift-Tab: around the form.
    mutating func cycleFocus(by step: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + step + fields.count) % fields.count
    }

    // MARK: Typing

    /// A key typed into the focused field; a one-line field passes ↑↓ and Enter on. Returns
    /// words when the field is full and the character was not added.
    @discardableResult
    mutating func type(_ key: Key) -> String? {
        guard fields.indices.contains(focus) else { return nil }
        switch fields[focus].handle(key, width: valueWidth) {
        case .next: focusNext()
        case .previous: focusPrevious()
        case .full: return fields[focus].error
        case .edited, .unused: break
        }
        return nil
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

    // MARK: Words beside the fields

    mutating func clearErrors() {
        for index in fields.indices { fields[index].error = nil }
    }

    /// Puts `message` beside the field (the first problem found stays).
    mutating func mark(_ id: String, _ message: String) {
        if let index = fields.firstIndex(where: { $0.id == id }), fields[index].error == nil { fields[index].error = message }
    }

    mutating func mark<Field: FormFieldID>(_ field: Field, _ message: String) { mark(field.rawValue, message) }

    /// The cursor to the first field with words beside it.
    mutating func focusFirstProblem() {
        if let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
    }
}
