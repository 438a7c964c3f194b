import CareTUI
import Foundation
import TextUI

/// The environment section of `care --help`, with the theme a session here would start with and
/// why, worked out from the same inputs the dashboard uses.
enum EnvironmentHelp {
    /// Whether the arguments ask for the top-level help (`care --help`, `care -h`, `care help`).
    static func isTopLevelHelp(_ arguments: [String]) -> Bool {
        arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"]
    }

    static func text(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let choice = Dashboard.themeChoice(requested: nil, config: ConfigFile.load(), environment: environment)
        var now = choice.words
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { now = "monochrome: NO_COLOR is set." }
        return """
            ENVIRONMENT:
              CARE_STORE              The store, when --store is not given.
              CARE_THEME              A theme name or .toml path, or "auto" (after --theme,
                                      before config.toml's theme = "…"; "auto" follows the
                                      terminal's background).
              COLORFGBG               "fg;bg" in ANSI numbers, as some terminals set it: with
                                      the theme left to the terminal, a background of 7 or 15
                                      picks light, any other default.
              NO_COLOR                Any value: no colour at all.
              TERM                    The terminal type. 8, 16 and 256 colours each get the
                                      theme remade to read in them; the terminal's answer
                                      about its background is remembered per TERM.
              ESCDELAY                Milliseconds after Esc for the rest of a key
                                      (config.toml's escape_delay_ms wins; default 25).
              XDG_CONFIG_HOME         care/config.toml and care/themes/ (~/.config).
              XDG_DATA_HOME           care/, where stores are found (~/.local/share).
              XDG_STATE_HOME          care/anchors and care/terminal-backgrounds
                                      (~/.local/state).
              CARE_THEMES_DIR         The bundled themes, when not beside the program.
              CARE_CATALOGUE_DIR      The bundled services catalogue, likewise.

            THEME HERE NOW:
            \(wrapped(now, width: 78, indent: "  "))
            """
    }

    /// `text` in lines of at most `width` columns, each indented.
    static func wrapped(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
