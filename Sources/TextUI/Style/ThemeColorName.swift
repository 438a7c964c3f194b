/// The colour words a theme file may use besides its own palette names.
enum ThemeColorName {
    /// ANSI names in palette order; `bright-NAME` adds 8.
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Every word accepted, for error messages.
    static var allNames: [String] {
        ansiNames + ansiNames.map { "bright-\($0)" } + ["default"]
    }

    /// `"red"`, `"bright-cyan"`, `"default"`, `"#rrggbb"` or a number `"0"`–`"255"` as a
    /// `Color`; nil when the text is none of those.
    static func color(from text: String) -> Color? {
        let word = text.lowercased()
        if word == "default" { return .default }
        if let index = ansiNames.firstIndex(of: word) { return .ansi(UInt8(index)) }
        if word.hasPrefix("bright-"), let index = ansiNames.firstIndex(of: String(word.dropFirst(7))) {
            return .ansi(UInt8(index + 8))
        }
        if word.hasPrefix("#") { return hexColor(String(word.dropFirst())) }
        if let number = Int(word) { return color(from: number) }
        return nil
    }

    /// A palette number: 0–15 are the ANSI colours, 16–255 the xterm palette.
    static func color(from number: Int) -> Color? {
        guard (0...255).contains(number) else { return nil }
        return number < 16 ? .ansi(UInt8(number)) : .indexed(UInt8(number))
    }

    private static func hexColor(_ digits: String) -> Color? {
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else {
            return nil
        }
        return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }
}
