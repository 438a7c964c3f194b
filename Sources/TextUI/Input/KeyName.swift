/// Keys as people read and write them: in the help, the key-hint line and `config.toml`.
extension Key {
    /// A short name for the help and key hints: "↑", "PgDn", "Tab", "S-Tab", "Enter", "Esc",
    /// "Ctrl-L", "Alt-b", "Ctrl-←", "F1", "q", "Space". `Key(name:)` reads every one of them back.
    public var displayName: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c):
            let shown = Sanitizer.clean(String(c))
            return shown.isEmpty || shown == " " ? Key.codePointName(c) : shown
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        // The character keeps its case: Alt-b and Alt-B are different keys.
        case .alt(let c): return "Alt-" + Key.char(c).displayName
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .ctrlLeft: return "Ctrl-←"
        case .ctrlRight: return "Ctrl-→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        }
    }

    /// Parses a key name from a config file: "q", "?", "G", "space", "enter", "esc", "tab",
    /// "shift-tab", "up", "pgdn", "f5", "ctrl-l", "C-l", "^L", "shift-g", "alt-b", "M-b",
    /// "meta-b", "ctrl-left", "C-right" — and every `displayName`. Names of special keys and
    /// modifiers are case-insensitive; a single character is taken as it is ("g" and "G", "alt-b"
    /// and "alt-B" are different keys). Returns nil for anything else.
    public init?(name: String) {
        let trimmed = name.trimmingSpaces()
        if let arrow = Key.named[trimmed], trimmed.count == 1 {  // "↑" is the up key, not a character
            self = arrow
            return
        }
        if trimmed.count == 1, let c = trimmed.first {
            self = .char(c)
            return
        }
        if trimmed.isEmpty {
            if name.contains(" ") { self = .char(" "); return }
            return nil
        }
        if trimmed.hasPrefix("U+") || trimmed.hasPrefix("u+"),
           let value = UInt32(trimmed.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
            self = .char(Character(scalar))
            return
        }
        let lower = trimmed.lowercased()
        if let named = Key.named[lower] {
            self = named
            return
        }
        for prefix in ["alt-", "alt+", "meta-", "meta+", "m-"] where lower.hasPrefix(prefix) {
            // Whatever follows names a character: "alt-b", "alt-B", "alt-space", "alt-U+00E9".
            guard case .char(let c)? = Key(name: String(trimmed.dropFirst(prefix.count))) else { return nil }
            self = .alt(c)
            return
        }
        for prefix in ["ctrl-", "ctrl+", "control-", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return nil }
            self = .ctrl(letter)
            return
        }
        for prefix in ["shift-", "shift+", "s-"] where lower.hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isLetter else { return nil }
            self = .char(Character(letter.uppercased()))
            return
        }
        if lower.first == "f", let n = Int(lower.dropFirst()), (1...63).contains(n) {
            self = .function(n)
            return
        }
        return nil
    }

    private static let named: [String: Key] = [
        "space": .char(" "), "spc": .char(" "),
        "tab": .tab,
        "s-tab": .backTab, "shift-tab": .backTab, "shift+tab": .backTab, "backtab": .backTab, "btab": .backTab,
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "esc": .escape, "escape": .escape,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "↑": .up, "↓": .down, "←": .left, "→": .right,
        "ctrl-left": .ctrlLeft, "ctrl+left": .ctrlLeft, "control-left": .ctrlLeft, "c-left": .ctrlLeft,
        "^left": .ctrlLeft, "ctrl-←": .ctrlLeft, "c-←": .ctrlLeft,
        "ctrl-right": .ctrlRight, "ctrl+right": .ctrlRight, "control-right": .ctrlRight, "c-right": .ctrlRight,
        "^right": .ctrlRight, "ctrl-→": .ctrlRight, "c-→": .ctrlRight,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp, "ppage": .pageUp,
        "pgdn": .pageDown, "pgdown": .pageDown, "pagedown": .pageDown, "page-down": .pageDown, "npage": .pageDown,
        "home": .home, "end": .end,
        "bksp": .backspace, "backspace": .backspace, "bs": .backspace,
        "del": .delete, "delete": .delete,
        "ins": .insert, "insert": .insert,
    ]

    /// "U+001B" for a character that would not show as itself.
    private static func codePointName(_ c: Character) -> String {
        let value = c.unicodeScalars.first?.value ?? 0
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (config values are hand-written).
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
