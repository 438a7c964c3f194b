import Foundation
import TextUI
import TOMLKit

/// `$XDG_CONFIG_HOME/care/config.toml`: theme, idle-lock minutes and key overrides.
///
/// ```toml
/// theme = "high-contrast"
/// idle_lock_minutes = 5
/// [keys]
/// new-note = ["ctrl-n", "n"]
/// ```
/// Problems (unknown action, unknown key name, a key bound twice) are reported in words at start;
/// the rest of the file still applies.
public struct ConfigFile: Sendable {
    public var theme: String?
    public var idleLockMinutes: Int?
    public var keyOverrides: [(action: AppAction, keys: [Key])] = []
    public var problems: [String] = []

    public init() {}

    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/care/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/care/config.toml"
    }

    public static func load(path: String = ConfigFile.path()) -> ConfigFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ConfigFile() }
        return parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) -> ConfigFile {
        var config = ConfigFile()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            config.problems.append("\(file) could not be read as TOML (\(error)); using the defaults.")
            return config
        }
        config.theme = table["theme"]?.string
        if let minutes = table["idle_lock_minutes"]?.int {
            if (1...240).contains(minutes) {
                config.idleLockMinutes = minutes
            } else {
                config.problems.append("\(file): idle_lock_minutes must be between 1 and 240; using 10.")
            }
        }
        if let keys = table["keys"]?.table {
            let byName = Dictionary(AppAction.all.map { ($0.configName, $0) }, uniquingKeysWith: { a, _ in a })
            for (name, value) in keys {
                guard let action = byName[name] else {
                    config.problems.append("\(file): [keys] \(name) is not an action (see docs/keys.md).")
                    continue
                }
                let names = value.array?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
                var parsed: [Key] = []
                for keyName in names {
                    if let key = Key(name: keyName) { parsed.append(key) } else {
                        config.problems.append("\(file): [keys] \(name): \"\(keyName)\" is not a key name.")
                    }
                }
                if !parsed.isEmpty { config.keyOverrides.append((action, parsed)) }
            }
        }
        return config
    }

    /// The default key map with this file's overrides, and any conflicts in words.
    public func keyMap() -> (KeyMap<AppAction>, [String]) {
        var map = DefaultKeyMap.make()
        for (action, keys) in keyOverrides { map.override(action, keys: keys) }
        let conflicts = map.conflicts().map { key, actions in
            "Key \(key.displayName) is bound to \(actions.map(\.configName).joined(separator: " and ")); the first wins."
        }
        return (map, problems + conflicts)
    }
}
