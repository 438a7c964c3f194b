import TextUI

/// Every binding with what it does and, when it cannot be used here, why. Built from the key
/// map, so remapped keys show as remapped.
enum HelpOverlay {
    static func lines(_ state: AppState, keyMap: KeyMap<AppAction>) -> [(String, Bool)] {
        Bindings.all(in: state, keyMap: keyMap).map { binding in
            var text = DisplayWidth.pad(binding.keyText, to: 14) + binding.help
            if let reason = binding.disabledReason { text += " — not now: \(reason)" }
            return (text, binding.disabledReason == nil)
        }
    }

    static func render(_ state: AppState, keyMap: KeyMap<AppAction>, area: Rect, buffer: inout Buffer, theme: Theme) {
        let width = min(area.width - 4, 84)
        let height = min(area.height - 2, 40)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: "Help — keys (any key closes)", style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        let all = lines(state, keyMap: keyMap)
        let start = min(state.helpScroll, max(0, all.count - inner.height))
        for (i, line) in all.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.write(line.0, at: Point(x: inner.x + 1, y: inner.y + i), width: inner.width - 1,
                         style: line.1 ? theme[.normal] : theme[.keyhintDisabled], pad: true)
        }
    }
}
