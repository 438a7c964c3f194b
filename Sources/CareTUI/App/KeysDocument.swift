import TextUI

/// `docs/keys.md`, generated from the keymap so the document cannot drift from the code. A test
/// compares the file in the repository with this output; `care keys` prints it.
public enum KeysDocument {
    public static func markdown(_ keymap: Keymap = DefaultKeymap.make()) -> String {
        var lines = [
            "# Keys",
            "",
            "Generated from the default keymap (`care keys` prints it; a test keeps this file in step).",
            "",
            "Keys belong to contexts: a key goes to the screen in front first (a form, the help, a",
            "question), then to the focused pane's contexts, then to the global ones; so one key can mean",
            "different things in different places (`a` is the audit trail on a record and acknowledges in",
            "the alerts). Every command can be remapped in `$XDG_CONFIG_HOME/care/config.toml`, per",
            "context, by the names below, e.g.",
            "",
            "```toml",
            "[keys.record]",
            "new-note = [\"ctrl-n\"]",
            "```",
            "",
            "A name directly under `[keys]` applies in every context that has it. In forms and the filter",
            "line, letters are typed before any other binding is looked at, so a key remapped to a letter",
            "never fires while typing.",
            "",
        ]
        for context in KeyContext.allCases {
            let bindings = keymap.map(context).bindings.filter { !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            lines += ["## \(context.title) — `[keys.\(context.rawValue)]`", "", "| keys | what it does | name |", "|---|---|---|"]
            for binding in bindings {
                let keys = binding.keys.map { "`\($0.displayName)`" }.joined(separator: " ")
                lines.append("| \(keys) | \(binding.help) | `\(binding.action.configName)` |")
            }
            let typing = HelpScreen.typingLines(context)
            if !typing.isEmpty {
                lines += ["", "Typing here (not remappable):", ""]
                for line in typing {
                    let keys = line.prefix(14).trimmingCharacters(in: .whitespaces)
                    lines.append("- `\(keys)` \(line.dropFirst(14))")
                }
            }
            lines.append("")
        }
        lines += [
            "## On the lock screen",
            "",
            "Type the passphrase and press `Enter`; `Ctrl-C` quits.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
