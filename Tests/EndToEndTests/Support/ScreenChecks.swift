import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a captured screen must never show: an escape sequence the program did not send for its
/// own styling, a control character, a bidi or invisible character; and a layout that holds
/// (every row as wide as the pane, counted as the terminal counts: `wcwidth`).
enum ScreenChecks {
    /// Escape sequences in a `capture-pane -e` that are not SGR (`ESC [ digits m`): none may be.
    static func foreignEscapes(_ raw: String) -> [String] {
        raw.components(separatedBy: "\u{1B}").dropFirst()
            .filter { $0.wholeMatch(of: /\[[0-9;:]*m(?s:.*)/) == nil }
            .map { String($0.prefix(12)) }
    }

    /// Scalars that must never reach the terminal from data (line breaks of the capture aside).
    static func forbiddenScalars(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: false
            case 0x00...0x1A, 0x1C...0x1F, 0x7F...0x9F: true
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
            case 0x200B, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0x180E: true
            default: false
            }
        }.map { String($0.value, radix: 16) }
    }

    /// Rows of a plain capture (`capture-pane -p`) that are wider than the pane, or that end in
    /// a border and are not as wide as it: a grapheme drawn wider or narrower than laid out.
    static func brokenRows(_ screen: String, width: Int) -> [String] {
        setlocale(LC_CTYPE, "C.UTF-8")
        // Swift's Glibc module does not import `wcwidth`; the C library has it.
        typealias WCWidth = @convention(c) (wchar_t) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth") else { return ["(wcwidth not found)"] }
        let wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
        let borders: Set<Character> = ["┃", "│", "┐", "┘", "┓", "┛"]
        return screen.split(separator: "\n", omittingEmptySubsequences: false).filter { row in
            let columns = row.reduce(0) { total, character in
                total + max(0, Int(wcwidth(wchar_t(character.unicodeScalars.first!.value))))
            }
            return columns > width || (row.last.map(borders.contains) == true && columns != width)
        }.map(String.init)
    }
}
