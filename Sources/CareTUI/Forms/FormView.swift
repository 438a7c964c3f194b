import TextUI

/// Draws a form in a box: a label column, the values, and each field's message in words beside
/// it (or on the line below when there is no room). The focused field shows a cursor.
enum FormView {
    static func render(_ form: FormState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let width = min(area.width - 2, 100)
        let listLines = form.fields.reduce(0) { $0 + ($1.kind == .list ? max(0, $1.lines.count - 1) : 0) }
        let height = min(area.height, form.fields.count * 2 + listLines + 6)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 2), width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: form.title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        var y = inner.y
        if let conflict = form.conflict {
            buffer.write(conflict, at: Point(x: inner.x + 1, y: y), width: inner.width - 2, style: theme[.error])
            y += 1
        }
        let labelWidth = min(24, (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 10) + 3)
        let valueWidth = max(10, inner.width - labelWidth - 2)
        for (index, field) in form.fields.enumerated() where y < inner.bottom - 1 {
            let focused = index == form.focus
            let label = (field.required ? "* " : "  ") + field.label
            buffer.write(label, at: Point(x: inner.x, y: y), width: labelWidth, style: focused ? theme[.emphasis] : theme[.muted], pad: true)
            var style = theme[.normal]
            if focused { style.attributes.insert(.underline) }
            // A list shows one item per line; other kinds one line.
            let rows: [String]
            switch field.kind {
            case .list: rows = field.lines.map { "• " + $0 }
            case .choice: rows = ["◀ \(field.value) ▶"]
            default: rows = [field.value]
            }
            for (index, row) in rows.enumerated() where y < inner.bottom - 1 {
                let value = focused && field.kind.isTyped && index == rows.count - 1 ? row + "▏" : row
                let shown = DisplayWidth.of(value) > valueWidth ? "…" + tail(value, width: valueWidth - 1) : value
                buffer.write(shown, at: Point(x: inner.x + labelWidth, y: y), width: valueWidth, style: style, pad: true)
                y += 1
            }
            if let error = field.error {
                buffer.write("  ⚠ " + error, at: Point(x: inner.x + labelWidth, y: y), width: valueWidth, style: theme[.error])
                y += 1
            } else if let theirs = form.theirs[field.key] {
                let note = theirs == field.value
                    ? "  ↳ their change, taken (was: \(form.conflictBase[field.key] ?? ""))"
                    : "  theirs: \(theirs) — yours kept above"
                buffer.write(note, at: Point(x: inner.x + labelWidth, y: y), width: valueWidth, style: theme[.alertWarning])
                y += 1
            } else if focused, !field.hint.isEmpty {
                buffer.write("  " + field.hint, at: Point(x: inner.x + labelWidth, y: y), width: valueWidth, style: theme[.muted])
                y += 1
            }
        }
        let footer = form.question?.text ?? "Tab next field · ←→ choose · Ctrl-S save · Esc cancel"
        buffer.write(footer, at: Point(x: inner.x + 1, y: inner.bottom - 1), width: inner.width - 2,
                     style: form.question == nil ? theme[.keyhint] : theme[.emphasis], pad: true)
    }

    /// The last `width` columns of a value, so the cursor end stays visible while typing.
    static func tail(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text.reversed() {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            result.insert(character, at: result.startIndex)
            used += w
        }
        return result
    }
}

extension FormState.Field.Kind {
    var isTyped: Bool {
        if case .choice = self { return false }
        return true
    }
}
