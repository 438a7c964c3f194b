import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// The terminal's answer to OSC 11 (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST):
    /// light when the colour's relative luminance is over a half.
    public static func fromReply(_ reply: String) -> TerminalBackground? {
        guard let range = reply.range(of: "rgb:") else { return nil }
        let body = reply[range.upperBound...].prefix { $0.isHexDigit || $0 == "/" }
        let parts = body.split(separator: "/")
        guard parts.count == 3 else { return nil }
        var channels: [Double] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 4, let value = UInt32(part, radix: 16) else { return nil }
            channels.append(Double(value) / Double((1 << (4 * part.count)) - 1))
        }
        let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        return luminance > 0.5 ? .light : .dark
    }

    /// Asks the terminal for its background colour before the screen is taken over: OSC 11, then
    /// a device-attributes request every terminal answers, so an answer — or the lack of one —
    /// is known as soon as that second reply arrives, and no stray reply reaches the program as
    /// keys later. Gives up after `timeoutMilliseconds`. Nil when the terminal does not say.
    public static func query(timeoutMilliseconds: Int = 400) -> TerminalBackground? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(tty, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(tty, TCSANOW, &saved) }

        let request = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)
        guard request.withUnsafeBytes({ write(tty, $0.baseAddress, $0.count) }) == request.count else { return nil }
        var reply: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutMilliseconds) * 1_000_000
        var buffer = [UInt8](repeating: 0, count: 256)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var descriptor = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
            let left = Int32((deadline - DispatchTime.now().uptimeNanoseconds) / 1_000_000)
            guard poll(&descriptor, 1, max(1, left)) > 0 else { break }
            let count = read(tty, &buffer, buffer.count)
            guard count > 0 else { break }
            reply += buffer[0..<count]
            // The device-attributes reply (ESC [ ? … c) ends the exchange.
            if let text = String(bytes: reply, encoding: .utf8), text.range(of: "\u{1B}\\[\\?[0-9;]*c", options: .regularExpression) != nil {
                break
            }
        }
        return fromReply(String(decoding: reply, as: UTF8.self))
    }
}
