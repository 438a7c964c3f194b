/// Finds where a key sits in a theme file's text.
///
/// TOMLKit hands back values without positions, so a problem found after parsing is placed by
/// scanning the text: a key line `"risk.high" = …` (quoted or bare) inside its section, or a
/// table header `[roles."risk.high"]`.
struct ThemeSourceLines {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line defining `key` in `[section]`, or nil.
    func line(ofKey key: String, inSection section: String) -> Int? {
        let fullKey = section.isEmpty ? key : "\(section).\(key)"
        var current = ""
        for (index, raw) in lines.enumerated() {
            let text = Self.unquoted(raw)
            if text.hasPrefix("[") {
                let header = String(text.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" }))
                    .trimmingSpaces()
                current = header
                if header == fullKey { return index + 1 }
                continue
            }
            guard current == section, text.hasPrefix(key) else { continue }
            let rest = text.dropFirst(key.count).trimmingSpaces()
            if rest.hasPrefix("=") { return index + 1 }
        }
        return nil
    }

    /// The line with quotes removed and surrounding blanks trimmed, so `"a.b" = 1` reads `a.b = 1`.
    private static func unquoted(_ line: Substring) -> String {
        String(line.filter { $0 != "\"" && $0 != "'" }).trimmingSpaces()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    fileprivate func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
