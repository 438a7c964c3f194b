/// Whether the terminal draws on a dark or a light background, so the dashboard can pick a theme
/// that reads on it when the person did not choose one (a stock xterm and macOS Terminal are
/// white; most others are dark).
public enum TerminalBackground: String, Sendable, Equatable, CaseIterable {
    case dark, light

    /// The theme that reads on this background.
    public var themeName: String { self == .light ? "light" : "default" }

    /// `COLORFGBG`, set by some terminals as "foreground;background" in ANSI numbers
    /// ("15;0" is white on black). Nil when it says nothing usable.
    public static func fromColorFGBG(_ value: String) -> TerminalBackground? {
        guard let last = value.split(separator: ";").last, let index = Int(last), (0...15).contains(index) else { return nil }
        // ANSI 7 (light grey) and 15 (white) are light backgrounds; the rest are dark.
        return index == 7 || index == 15 ? .light : .dark
    }

    /// The colour in an answer to OSC 11 (`rgb:RRRR/GGGG/BBBB`, each channel 1 to 4 hex digits,
    /// anywhere in `reply`): light when its relative luminance is over a half.
    public static func fromReply(_ reply: String) -> TerminalBackground? {
        guard let range = reply.range(of: "rgb:") else { return nil }
        let body = reply[range.upperBound...].prefix { $0.isHexDigit || $0 == "/" }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var channels: [Double] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 4, let value = UInt32(part, radix: 16) else { return nil }
            channels.append(Double(value) / Double((1 << (4 * part.count)) - 1))
        }
        let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        return luminance > 0.5 ? .light : .dark
    }
}
