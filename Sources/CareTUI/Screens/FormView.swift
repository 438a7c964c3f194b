import CareDomain
import TextUI

/// Draws a form in a box: the title naming whose record it is, a label column, each value with
/// the terminal cursor where the next character goes, and each field's message in words beneath
/// it. A form taller than the screen scrolls to keep the focused field in view.
enum FormView {
    /// Draws `form` over `area`; returns where the terminal cursor goes.
    static func render(_ form: inout FormScreen, _ env: ScreenEnvironment, area: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let width = min(area.width - 2, 100)
        // Room for the longest label, its "* " and a space before the value.
        let labelWidth = min(30, (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 10) + 3)
        let valueWidth = max(10, width - 2 - labelWidth - 1)
        form.engine.valueWidth = valueWidth
        let blocks = form.fields.enumerated().map { index, field in
            Block(field: field, focused: index == form.focus, form: form, width: valueWidth)
        }
        let notice = form.notice.map { Array(DisplayWidth.wrap($0, width: max(1, width - 4)).prefix(3)) } ?? []
        // As tall as its fields need (and a blank line at the foot), centred; never taller than the screen.
        let height = min(area.height, notice.count + blocks.reduce(0) { $0 + $1.height } + 3)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        let title = form.title + form.subject(env).replacingOccurrences(of: " for ", with: " — ", options: .anchored)
        buffer.drawBox(box, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        var inner = box.inset(by: 1)
        for line in notice {
            buffer.write(line, at: Point(x: inner.x + 1, y: inner.y), width: inner.width - 2, style: theme[.error])
            inner = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        }
        let first = firstVisible(blocks, focus: form.focus, height: inner.height)
        var y = inner.y
        var cursor: Point?
        for (index, block) in blocks.enumerated().dropFirst(first) {
            guard y + block.valueRows <= inner.bottom else { break }
            let field = block.field
            let label = (field.required ? "* " : "  ") + field.label
            buffer.write(label, at: Point(x: inner.x, y: y), width: labelWidth - 1, style: block.focused ? theme[.emphasis] : theme[.muted], pad: true)
            let valueArea = Rect(x: inner.x + labelWidth, y: y, width: valueWidth, height: block.valueRows)
            if let point = field.render(in: valueArea, focused: block.focused, buffer: &buffer, theme: theme) { cursor = point }
            y += block.valueRows
            if let message = block.message {
                for line in block.messageLines where y < inner.bottom {
                    buffer.write(line, at: Point(x: inner.x + labelWidth, y: y), width: valueWidth, style: theme[message.role])
                    y += 1
                }
            }
            _ = index
        }
        return cursor
    }

    /// One field's rows on screen: its value, then one line of words (an error, the other
    /// worker's value after a conflict, or the hint while focused).
    struct Block {
        let field: FieldEditor
        let focused: Bool
        let valueRows: Int
        let message: (text: String, role: ThemeRole)?
        /// The message wrapped to the value's width, three lines at most: words a person needs
        /// are not cut at the edge.
        let messageLines: [String]

        init(field: FieldEditor, focused: Bool, form: FormScreen, width: Int) {
            self.field = field
            self.focused = focused
            let rows = field.rows(width: width).count
            valueRows = field.kind.isMultiline ? min(max(rows, focused ? 3 : 1), focused ? 8 : 4) : 1
            if let error = field.error {
                message = ("⚠ " + error, .error)
            } else if let theirs = form.theirs[field.id] {
                message = theirs == field.value
                    ? ("↳ their change, taken (was: \(form.conflictBase[field.id] ?? ""))", .alertWarning)
                    : ("theirs: \(theirs) — yours kept above", .alertWarning)
            } else if let counter = field.counter {
                message = (counter, .alertWarning)
            } else if focused, !field.hint.isEmpty {
                message = (field.hint, .muted)
            } else {
                message = nil
            }
            messageLines = message.map { Array(DisplayWidth.wrap($0.text, width: max(1, width)).prefix(3)) } ?? []
        }

        var height: Int { valueRows + messageLines.count }
    }

    /// The first field to draw so the focused one fits below it.
    static func firstVisible(_ blocks: [Block], focus: Int, height: Int) -> Int {
        guard blocks.indices.contains(focus) else { return 0 }
        var used = 0
        var first = focus
        while first >= 0, used + blocks[first].height <= height {
            used += blocks[first].height
            first -= 1
        }
        return min(focus, first + 1)
    }
}
