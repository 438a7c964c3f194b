/// A centred box over the screen: a title, message lines and a row of buttons.
public struct Dialog: Widget, Hashable, Sendable {
    public var title: String
    public var message: [String]
    public var buttons: [String]
    /// The button Enter would press.
    public var selectedButton: Int

    public init(title: String, message: [String], buttons: [String] = ["OK"], selectedButton: Int = 0) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selectedButton = selectedButton
    }

    /// The buttons as drawn: `[ Yes ]  [ No ]`.
    private var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }
    private var buttonsWidth: Int {
        buttonLabels.map { DisplayWidth.of($0) }.reduce(0, +) + max(buttons.count - 1, 0) * 2
    }

    /// Where the box goes inside `area`: wide enough for the title, buttons and longest line
    /// (at most the area less a margin), tall enough for the wrapped message.
    public func frame(in area: Rect) -> Rect {
        let widest = ([DisplayWidth.of(title) + 2, buttonsWidth] + message.map { DisplayWidth.of($0) }).max() ?? 0
        let width = min(max(widest + 4, 20), max(area.width - 2, 0))
        let lines = wrappedMessage(width: width - 4)
        let height = min(lines.count + 4 + (buttons.isEmpty ? 0 : 1), area.height)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    private func wrappedMessage(width: Int) -> [String] {
        message.flatMap { $0.isEmpty ? [""] : DisplayWidth.wrap($0, width: max(width, 1)) }
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inside = Rect(x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 3)
        let buttonRows = buttons.isEmpty ? 0 : 2
        for (i, line) in wrappedMessage(width: inside.width).prefix(max(inside.height - buttonRows, 0)).enumerated() {
            buffer.write(line, at: Point(x: inside.x, y: inside.y + i), width: inside.width, style: theme[.normal])
        }
        guard !buttons.isEmpty else {
            buffer.focus = inside.origin
            return
        }
        let y = box.bottom - 2
        let buttonRow = Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1)
        var x = box.x + max((box.width - buttonsWidth) / 2, 1)
        for (i, label) in buttonLabels.enumerated() {
            let style = i == selectedButton ? theme[.selected] : theme[.normal]
            if i == selectedButton { buffer.focus = Point(x: x, y: y) }
            x += buffer.write(label, at: Point(x: x, y: y), style: style, clip: buttonRow)
            x += 2
        }
    }
}

/// A yes/no question (`Quit with unsaved input?`), answered with y/n, Esc, or arrows and Enter.
public struct Confirm: Widget, Hashable, Sendable {
    public enum Answer: Hashable, Sendable { case yes, no }

    public var dialog: Dialog

    /// `defaultAnswer` is what Enter gives before any arrow is pressed; destructive questions
    /// should default to `.no`.
    public init(title: String, message: [String], yes: String = "Yes", no: String = "No", defaultAnswer: Answer = .no) {
        dialog = Dialog(title: title, message: message, buttons: [yes, no], selectedButton: defaultAnswer == .yes ? 0 : 1)
    }

    /// The answer `key` gives, if it gives one: Enter on the chosen button, or Esc for no; arrows
    /// and Tab move between the buttons.
    public mutating func handle(_ key: Key) -> Answer? {
        switch key {
        // No letters: a letter answers by typing (someone typing on after the box appeared).
        case .escape: return .no
        case .left, .right, .tab, .backTab:
            dialog.selectedButton = 1 - dialog.selectedButton
            return nil
        case .enter: return dialog.selectedButton == 0 ? .yes : .no
        default: return nil
        }
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        dialog.render(in: area, buffer: &buffer, theme: theme)
    }
}
