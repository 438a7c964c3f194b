import TextUI

/// One field being edited: TextUI's `TextField` for a line, `TextArea` for notes and lists, an
/// index for a choice. The cursor is where the next character goes, and the terminal shows it.
public struct FieldEditor: Sendable, Equatable {
    public let id: String
    public let label: String
    public let kind: FieldKind
    public let required: Bool
    public let hint: String
    /// What is wrong with the value, in words, shown beside the field.
    public var error: String?

    private var line: TextField
    private var area: TextArea
    private var choice: Int

    init<ID: FormFieldID>(_ spec: FieldSpec<ID>) {
        id = spec.id.rawValue
        label = spec.label
        kind = spec.kind
        required = spec.required
        hint = spec.hint
        line = TextField(value: spec.value, maxLength: spec.kind.limit)
        area = TextArea(value: spec.value)
        choice = 0
        value = spec.value
    }

    /// The text of the field (a choice's option).
    public var value: String {
        get {
            switch kind {
            case .text, .date, .time: line.value
            case .note, .list: area.value
            case .choice(let options): options.indices.contains(choice) ? options[choice] : ""
            }
        }
        set {
            switch kind {
            case .text, .date, .time:
                line.value = newValue
                line.cursor = line.value.count
            case .note, .list:
                area.value = newValue
                area.cursor = area.value.count
            case .choice(let options):
                choice = options.firstIndex(of: newValue) ?? 0
            }
        }
    }

    /// Where the cursor is, as a count of characters before it (nil for a choice).
    public var cursor: Int? {
        switch kind {
        case .text, .date, .time: line.cursor
        case .note, .list: area.cursor
        case .choice: nil
        }
    }

    /// What a key did to the field.
    enum Edit: Equatable {
        /// The field used the key.
        case edited
        /// The field holds all it can: nothing was added, and `error` says so.
        case full
        /// A one-line field passes ↓ and Enter on to the next field, ↑ to the previous one.
        case next, previous
        /// Not for this field.
        case unused
    }

    /// Applies an editing key; `width` is the columns the value has on screen (for ↑↓ in notes).
    /// A character (or a new line) into a field that is full is not added, and `error` says so.
    mutating func handle(_ key: Key, width: Int) -> Edit {
        if takesText, Self.isCharacter(key) || (kind.isMultiline && key == .enter), value.count >= kind.limit {
            error = fullWords
            return .full
        }
        let edit: Edit
        switch kind {
        case .choice(let options):
            edit = handleChoice(key, options)
        case .note:
            edit = area.handle(key, width: width) ? .edited : .unused
        case .list:
            if key == .enter {
                // A new item only after a non-empty one; Enter on an empty item leaves the field.
                let current = area.value.prefix(area.cursor).split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
                if current.trimmingCharacters(in: .whitespaces).isEmpty { return .next }
            }
            edit = area.handle(key, width: width) ? .edited : .unused
        case .text, .date, .time:
            switch key {
            case .enter, .down: return .next
            case .up: return .previous
            default: edit = line.handle(key) ? .edited : .unused
            }
        }
        if edit == .edited { error = nil }
        return edit
    }

    /// A printable character (a control character is not typing, full field or not).
    private static func isCharacter(_ key: Key) -> Bool {
        if case .char(let c) = key { return !isControl(c) }
        return false
    }

    private static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
    }

    /// Whether the field takes text (every kind but a choice).
    private var takesText: Bool {
        if case .choice = kind { return false }
        return true
    }

    /// What a full field says when more is typed into it.
    var fullWords: String {
        "\(label) holds at most \(kind.limit.formatted()) characters; what went past that was not added."
    }

    /// Characters typed in one go (`Update.typed`): as many as the field has room for, control
    /// characters left out as a key would leave them; words when some did not fit.
    mutating func type(_ typed: String) -> String? {
        let text = String(typed.filter { !Self.isControl($0) })
        let room = max(0, kind.limit - value.count)
        let fits = String(text.prefix(room))
        switch kind {
        case .choice: return nil
        case .note, .list: area.insert(text: fits)
        case .text, .date, .time: _ = line.insert(text: fits)
        }
        error = fits.count < text.count ? fullWords : nil
        return error
    }

    /// What a paste did.
    enum Paste: Equatable {
        case inserted
        /// Refused whole: the field would pass its limit. Nothing was inserted.
        case tooLong(pasted: Int, room: Int)
        /// A choice takes no text.
        case notText
    }

    /// Inserts pasted text whole at the cursor, cleaned as typing would be: line breaks kept in a
    /// note or a list, turned into spaces in a one-line field.
    mutating func paste(_ raw: String) -> Paste {
        let text = Sanitizer.clean(raw, multiline: kind.isMultiline)
        let room = kind.limit - value.count
        guard text.count <= room else { return .tooLong(pasted: text.count, room: max(0, room)) }
        switch kind {
        case .choice: return .notText
        case .note, .list: area.insert(text: text)
        case .text, .date, .time: line.insert(text: text)
        }
        error = nil
        return .inserted
    }

    /// "1,234 / 20,000" once a field is past nine tenths of what it holds.
    var counter: String? {
        guard kind.limit > 100 else { return nil }
        let used = value.count
        return used * 10 >= kind.limit * 9 ? "\(used.formatted()) / \(kind.limit.formatted()) characters" : nil
    }

    private mutating func handleChoice(_ key: Key, _ options: [String]) -> Edit {
        guard !options.isEmpty else { return .unused }
        switch key {
        case .right, .char(" "): choice = (choice + 1) % options.count
        case .left: choice = (choice - 1 + options.count) % options.count
        case .enter, .down: return .next
        case .up: return .previous
        case .char(let c):
            // A letter jumps to the next option that starts with it.
            let letter = String(c).lowercased()
            let order = (1...options.count).map { (choice + $0) % options.count }
            guard let hit = order.first(where: { options[$0].lowercased().hasPrefix(letter) }) else { return .unused }
            choice = hit
        default: return .unused
        }
        return .edited
    }

    // MARK: Drawing

    /// How a choice is changed, said in plain mode instead of its arrows.
    static let choiceWords = "left or right arrow changes"

    /// The lines the value takes at `width` columns (one for a line or a choice).
    func rows(width: Int) -> [String] {
        switch kind {
        case .choice: ["◀ \(value) ▶"]
        case .note, .list: area.wrappedLines(width: max(1, width))
        case .text, .date, .time: [line.value]
        }
    }

    /// Draws the value in `area` and returns where the terminal cursor goes when focused.
    func render(in rect: Rect, focused: Bool, buffer: inout Buffer, theme: Theme) -> Point? {
        switch kind {
        case .choice:
            var style = theme[.normal]
            if focused {
                style.attributes.insert(.underline)
                buffer.focus = rect.origin
            }
            let shown = buffer.plain ? "\(value) (\(Self.choiceWords))" : rows(width: rect.width)[0]
            buffer.write(shown, at: rect.origin, width: rect.width, style: style, pad: true)
            return nil
        case .note, .list:
            var view = area
            view.focused = focused
            view.render(in: rect, buffer: &buffer, theme: theme)
            return focused ? view.cursorPosition(in: rect) : nil
        case .text, .date, .time:
            var view = line
            view.focused = focused
            view.render(in: rect, buffer: &buffer, theme: theme)
            return focused ? view.cursorPosition(in: rect) : nil
        }
    }
}
