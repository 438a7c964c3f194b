import ArgumentParser
import Foundation

/// `care manual`: the manual page (roff), made from the commands' own help, so it cannot say
/// other than `care --help` does. `docs/care.1` is its output, checked against it by
/// `CommandLineTests.theManualPageIsTheOneTheCommandsMake`; `scripts/install.sh` installs it.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the manual page (roff), made from the commands' help.",
        shouldDisplay: false
    )

    func run() throws {
        print(ManualPage.make(), terminator: "")
    }
}

/// The manual page of `care` and every subcommand, in roff (`man 7 man`).
enum ManualPage {
    /// Wide enough for the options' words, narrow enough for a terminal.
    static let columns = 78

    static func make() -> String {
        let root = CareCommand.configuration
        var out = [
            ".TH CARE 1 \"\" \"care \(CareVersion.number)\" \"User Commands\"",
            ".SH NAME",
            "care \\- " + escape(root.abstract),
            ".SH SYNOPSIS",
            ".B care",
            "[\\fIsubcommand\\fR] [\\fIoptions\\fR]",
            ".SH DESCRIPTION",
        ]
        out += preformatted(CareCommand.helpMessage(columns: columns))
        out.append(".SH COMMANDS")
        for (path, command) in commands(under: CareCommand.self, path: ["care"]) {
            out.append(".SS " + escape(path.joined(separator: " ")))
            out += preformatted(CareCommand.helpMessage(for: command, columns: columns))
        }
        out += [
            ".SH EXIT STATUS",
            "0 when the command did what was asked; 1 when it could not, said in words on standard error;",
            "64 for a usage error.",
            ".B care check",
            "exits 0 when the store is healthy, 1 when it is damaged, 2 when it could not check it.",
            ".SH ENVIRONMENT",
            ".TP", ".B CARE_STORE", "The store, when \\fB\\-\\-store\\fR is not given.",
            ".TP", ".B XDG_DATA_HOME", "Stores are found in \\fI$XDG_DATA_HOME/care/\\fR (default \\fI~/.local/share/care/\\fR).",
            ".TP", ".B XDG_STATE_HOME", "This machine's record of each store's audit head, in \\fI$XDG_STATE_HOME/care/anchors\\fR,",
            "and the terminal's last answer about its background per terminal type, in \\fI$XDG_STATE_HOME/care/terminal-backgrounds\\fR.",
            ".TP", ".B XDG_CONFIG_HOME", "The configuration, \\fI$XDG_CONFIG_HOME/care/config.toml\\fR, and themes of one's own.",
            ".TP", ".B CARE_THEME", "A theme when \\fB\\-\\-theme\\fR is not given, or \\fBauto\\fR; \\fBNO_COLOR\\fR selects monochrome.",
            ".TP", ".B COLORFGBG", "With the theme left to the terminal (none chosen, or \\fBauto\\fR): a background of 7 or 15 picks light,",
            "any other the default; else the terminal's last answer remembered for its \\fBTERM\\fR; its answer, when it comes, switches it.",
            "\\fBcare \\-\\-help\\fR says which theme a session started there would use, and why.",
            ".TP", ".B TERM", "The terminal type. 8, 16 and 256 colours each get the theme remade to read in them.",
            ".TP", ".B ESCDELAY", "Milliseconds after Esc for the rest of a key (config.toml's \\fBescape_delay_ms\\fR wins; default 25).",
            ".TP", ".B CARE_THEMES_DIR \\fRand\\fB CARE_CATALOGUE_DIR",
            "The bundled themes and services catalogue, when they are not beside the program.",
            ".SH SEE ALSO",
            "The README and docs/ of the source: user-guide.md, keys.md (also \\fBcare keys\\fR), security.md, reliability.md.",
        ]
        return out.joined(separator: "\n") + "\n"
    }

    /// Every subcommand under `command`, depth first, with its path of names.
    static func commands(under command: any ParsableCommand.Type, path: [String]) -> [([String], any ParsableCommand.Type)] {
        var found: [([String], any ParsableCommand.Type)] = []
        for sub in command.configuration.subcommands where sub.configuration.shouldDisplay {
            let subPath = path + [sub.configuration.commandName ?? String(describing: sub).lowercased()]
            found.append((subPath, sub))
            found += commands(under: sub, path: subPath)
        }
        return found
    }

    /// Help text as it is printed, kept as it is laid out.
    static func preformatted(_ text: String) -> [String] {
        [".nf"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) } + [".fi"]
    }

    /// A line roff takes as text: backslashes escaped, and a leading `.` or `'` not a request.
    static func escape(_ line: String) -> String {
        let text = line.replacingOccurrences(of: "\\", with: "\\e")
        return text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" + text : text
    }
}
