import TextUI

/// `docs/keys.md`, generated from the key map so the document cannot drift from the code.
/// A test compares the file in the repository with this output; `care keys` prints it.
public enum KeysDocument {
    public static func markdown(_ keyMap: KeyMap<AppAction> = DefaultKeyMap.make()) -> String {
        var lines = [
            "# Keys",
            "",
            "Generated from the default key map (`care keys` prints it; a test keeps this file in step).",
            "Every action can be remapped in `$XDG_CONFIG_HOME/care/config.toml` under `[keys]`, by the",
            "name in the last column, e.g. `new-note = [\"ctrl-n\"]`.",
            "",
            "| keys | what it does | config name |",
            "|---|---|---|",
        ]
        for binding in keyMap.bindings {
            let keys = keyMap.keys(for: binding.action).map { "`\($0.displayName)`" }.joined(separator: " ")
            lines.append("| \(keys) | \(binding.help) | `\(binding.action.configName)` |")
        }
        lines += [
            "",
            "## In forms",
            "",
            "| keys | what it does |",
            "|---|---|",
            "| `Tab` `↓` / `S-Tab` `↑` | next / previous field |",
            "| `←` `→` `Space` | change a choice |",
            "| `Ctrl-S` | save (messages appear beside the fields that need attention) |",
            "| `Enter` | next field; on the last field, save |",
            "| `Esc` | cancel (asks first when something was typed) |",
            "",
            "## On the lock screen",
            "",
            "Type the passphrase and press `Enter`; `Ctrl-C` quits.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
