/// One labelled input of a `Form`.
public struct FormField: Sendable {
    public var label: String
    public var input: TextField
    public var required: Bool
    /// What is wrong with the value, in words; shown beside the field. Set by `Form.validate()`
    /// or by the application (a rule from the domain, a conflict on save).
    public var message: String?
    /// Checks a non-empty value; returns what is wrong, in words, or nil when it is fine.
    public var validator: (@Sendable (String) -> String?)?
    /// The columns the input would like; it gets less when the area is narrow.
    public var preferredWidth: Int

    public init(
        _ label: String, input: TextField = TextField(), required: Bool = false, preferredWidth: Int = 30,
        validator: (@Sendable (String) -> String?)? = nil
    ) {
        self.label = label
        self.input = input
        self.required = required
        self.preferredWidth = preferredWidth
        self.validator = validator
    }

    /// The value, as typed.
    public var value: String { input.value }
}

/// Labelled fields, one per row, with the focused one taking keys.
///
/// Tab and Shift-Tab move between fields (wrapping around); every other key goes to the
/// focused field. Validation messages sit beside their field in `text.error`, in words, so a
/// person sees which field needs what without hunting. Required fields are marked `*`.
public struct Form: Widget, Sendable {
    public var fields: [FormField]
    /// The field that has the keyboard.
    public var focus: Int

    public init(fields: [FormField], focus: Int = 0) {
        self.fields = fields
        self.focus = fields.isEmpty ? 0 : min(max(focus, 0), fields.count - 1)
    }

    /// Moves focus on Tab / Shift-Tab, else passes the key to the focused field. Returns whether
    /// the key was used.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        guard !fields.isEmpty else { return false }
        switch key {
        case .tab: focus = (focus + 1) % fields.count
        case .backTab: focus = (focus - 1 + fields.count) % fields.count
        default:
            let used = fields[focus].input.handle(key)
            if used { fields[focus].message = nil }
            return used
        }
        return true
    }

    /// Checks every field (required ones must not be blank, then each validator) and sets or
    /// clears its message. Returns whether all fields are valid; focus moves to the first that
    /// is not, so the person lands where the work is.
    @discardableResult
    public mutating func validate() -> Bool {
        var firstInvalid: Int?
        for i in fields.indices {
            let value = fields[i].value
            let blank = value.allSatisfy(\.isWhitespace)
            if fields[i].required && blank {
                fields[i].message = "\(fields[i].label) is required"
            } else if !blank, let validator = fields[i].validator {
                fields[i].message = validator(value)
            } else {
                fields[i].message = nil
            }
            if fields[i].message != nil, firstInvalid == nil { firstInvalid = i }
        }
        if let firstInvalid { focus = firstInvalid }
        return firstInvalid == nil
    }

    /// Whether any field holds typed text (so leaving should ask first).
    public var hasInput: Bool {
        fields.contains { !$0.value.isEmpty }
    }

    /// Label column width: the longest label plus " *" and ": ".
    private var labelWidth: Int {
        (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 4
    }

    /// The rect of field `index`'s input inside `area` (empty when it does not fit).
    public func inputRect(of index: Int, in area: Rect) -> Rect {
        guard fields.indices.contains(index), index < area.height else { return .zero }
        let x = area.x + labelWidth
        let width = min(fields[index].preferredWidth, area.right - x)
        return Rect(x: x, y: area.y + index, width: max(width, 0), height: 1)
    }

    /// Where the terminal cursor goes: in the focused field.
    public func cursorPosition(in area: Rect) -> Point? {
        let rect = inputRect(of: focus, in: area)
        guard !rect.isEmpty else { return nil }
        return fields[focus].input.cursorPosition(in: rect)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        for (index, field) in fields.enumerated() where index < area.height {
            let isFocused = index == focus
            let row = area.row(index)
            let mark = field.required ? " *" : ""
            let labelStyle = isFocused ? theme[.titleFocus] : theme[.title]
            buffer.write(DisplayWidth.truncate(field.label, to: max(labelWidth - 4, 1)) + mark + ":",
                         at: row.origin, width: min(labelWidth, row.width), style: labelStyle)
            let inputRect = inputRect(of: index, in: area)
            var input = field.input
            input.focused = isFocused
            input.render(in: inputRect, buffer: &buffer, theme: theme)
            if let message = field.message, !inputRect.isEmpty {
                let x = inputRect.right + 1
                if x < row.right {
                    buffer.write(message, at: Point(x: x, y: row.y), width: row.right - x, style: theme[.error])
                }
            }
        }
    }
}
