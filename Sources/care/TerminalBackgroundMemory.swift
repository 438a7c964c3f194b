import Foundation
import TextUI

/// The terminal's last answer about its background, kept per terminal type in
/// `$XDG_STATE_HOME/care/terminal-backgrounds` (one `TERM light|dark` a line), so a session
/// behind tmux, screen or mosh — which never answer — or over a link too slow to answer before
/// the first frame starts in the theme that reads there. Nothing about any record is in it.
struct TerminalBackgroundMemory {
    let path: String

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        path = state + "/care/terminal-backgrounds"
    }

    /// The answer remembered for `terminalType`.
    func background(for terminalType: String) -> TerminalBackground? {
        entries()[terminalType]
    }

    /// Keeps `background` for `terminalType`; a failure to write is not worth a word (the next
    /// session asks again).
    func remember(_ background: TerminalBackground, for terminalType: String) {
        guard Self.isUsable(terminalType) else { return }
        var entries = entries()
        guard entries[terminalType] != background else { return }
        entries[terminalType] = background
        let text = entries.keys.sorted().map { "\($0) \(entries[$0]!.rawValue)\n" }.joined()
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func entries() -> [String: TerminalBackground] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var entries: [String: TerminalBackground] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, Self.isUsable(String(parts[0])), let background = TerminalBackground(rawValue: String(parts[1])) else { continue }
            entries[String(parts[0])] = background
        }
        return entries
    }

    /// A terminal type as terminfo names them: letters, digits, `-`, `+`, `.` and `_`.
    private static func isUsable(_ terminalType: String) -> Bool {
        !terminalType.isEmpty && terminalType.count <= 64
            && terminalType.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-+._".unicodeScalars.contains($0)) }
    }
}
