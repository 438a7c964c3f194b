import CareDomain
import Foundation
import TextUI
import TOMLKit

/// `$XDG_CONFIG_HOME/care/config.toml`: theme, idle-lock minutes, the terminal's timings and key
/// overrides per context.
///
/// ```toml
/// theme = "high-contrast"        # or "auto": follow the terminal's background
/// idle_lock_minutes = 5
/// silent_link_minutes = 5        # a terminal silent this long locks; 0: never
/// escape_delay_ms = 25           # how long after Esc the rest of a key may come
/// wall_page_seconds = 10
/// [keys.record]
/// new-note = ["ctrl-n", "n"]
/// [keys.global]
/// lock = ["ctrl-x"]
/// [shifts]
/// starts = ["07:00", "19:00"]
/// [alerts]
/// contact_days = { critical = 1, high = 2, medium = 7, low = 14 }
/// police_not_told_hours = 2
/// ```
/// `[alerts]` takes every threshold of DOMAIN.md's table (`AlertConfig.names`); what it leaves
/// out keeps the table's default.
/// A plain `[keys]` table still works: each name there applies in every context that has that
/// command. Problems (an unknown context or command, a bad key name, a key bound twice where both
/// could be reached) are reported in words at start; the rest of the file still applies.
public struct ConfigFile: Sendable {
    public var theme: String?
    public var idleLockMinutes: Int?
    /// `plain = true`: plain mode (no box drawing or glyph-only marks; rows spelled out).
    public var plain = false
    /// `cursor = "visible"`: the cursor shows where the attention is (it is always moved there).
    public var showFocusCursor = false
    /// Minutes a query to the terminal may go unanswered before the screen locks (the session
    /// ends the idle lock's time later); 0 turns the watch off.
    public var silentLinkMinutes: Int?
    /// Milliseconds to wait after Esc for the rest of a key's sequence (ncurses' `ESCDELAY`).
    public var escapeDelayMilliseconds: Int?
    /// Seconds the wall shows each page of cards (`care handover --wall`).
    public var wallPageSeconds: Int?
    /// `settle_ms`: after a form, question or dialog closes, how long printable keys are not
    /// commands (`AppSettings.settleTime`); 0 turns it off.
    public var settleMilliseconds: Int?
    public var keyOverrides: [(context: KeyContext, command: Command, keys: [Key])] = []
    /// The alert thresholds, the defaults where the file says nothing.
    public var thresholds = AlertThresholds.standard
    public var shifts = ShiftPattern.standard
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
        if let plain = table["plain"] {
            if let value = plain.bool { config.plain = value } else { config.problems.append("\(file): plain takes true or false.") }
        }
        if let cursor = table["cursor"] {
            switch cursor.string {
            case "visible": config.showFocusCursor = true
            case "hidden": config.showFocusCursor = false
            default: config.problems.append("\(file): cursor takes \"visible\" or \"hidden\".")
            }
        }
        config.idleLockMinutes = config.number(table, "idle_lock_minutes", in: 1...240, otherwise: "10", file: file)
        config.silentLinkMinutes = config.number(table, "silent_link_minutes", in: 0...240, between: "0 (never)", otherwise: "5", file: file)
        config.escapeDelayMilliseconds = config.number(table, "escape_delay_ms", in: 0...2_000, otherwise: "25", file: file)
        config.wallPageSeconds = config.number(table, "wall_page_seconds", in: 1...600, otherwise: "10", file: file)
        config.settleMilliseconds = config.number(table, "settle_ms", in: 0...2_000, otherwise: "400", file: file)
        if let keys = table["keys"]?.table {
            config.readKeys(keys, file: file)
        }
        if let alerts = table["alerts"]?.table {
            config.thresholds = AlertConfig.read(alerts, file: file, problems: &config.problems)
        }
        if let shifts = table["shifts"]?.table {
            config.readShifts(shifts, file: file)
        }
        if table["closure_reasons"] != nil {
            // Read per machine it let two workers of one unit be offered different lists; the
            // unit's list is kept in the store now (`ClosureReasonList`).
            config.problems.append("\(file): closure_reasons is no longer read here: the unit's list is kept in the store, the same for every worker (a supervisor sets it with care unit closure-reasons set).")
        }
        return config
    }

    /// A whole number the file may set, inside `range`; outside it, said in words (and nil: the
    /// default holds).
    private mutating func number(_ table: TOMLTable, _ name: String, in range: ClosedRange<Int>, between low: String? = nil,
                                 otherwise fallback: String, file: String) -> Int? {
        guard let value = table[name]?.int else { return nil }
        guard range.contains(value) else {
            problems.append("\(file): \(name) must be between \(low ?? String(range.lowerBound)) and \(range.upperBound); using \(fallback).")
            return nil
        }
        return value
    }

    /// `[shifts] starts`: clock times in the unit's zone; each shift runs to the next.
    private mutating func readShifts(_ table: TOMLTable, file: String) {
        guard let names = table["starts"]?.array?.compactMap(\.string), !names.isEmpty else {
            problems.append("\(file): [shifts] starts must be a list of times such as [\"07:00\", \"19:00\"]; using 07:00 and 19:00.")
            return
        }
        let minutes = names.compactMap(ShiftPattern.minutes)
        guard minutes.count == names.count else {
            let bad = names.filter { ShiftPattern.minutes($0) == nil }.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.append("\(file): [shifts] starts: \(bad) is not a time as HH:MM; using 07:00 and 19:00.")
            return
        }
        shifts = ShiftPattern(starts: minutes)
    }

    /// `[keys.CONTEXT]` tables, and names directly under `[keys]` for every context that has them.
    private mutating func readKeys(_ keys: TOMLTable, file: String) {
        let defaults = DefaultKeymap.make()
        for (name, value) in keys {
            if let table = value.table {
                guard let context = KeyContext(rawValue: name) else {
                    problems.append("\(file): [keys.\(name)] is not a context (see docs/keys.md).")
                    continue
                }
                for (commandName, keyValue) in table {
                    guard let command = defaults.map(context).bindings.first(where: { $0.action.configName == commandName })?.action else {
                        problems.append("\(file): [keys.\(name)] \(commandName) is not a command there (see docs/keys.md).")
                        continue
                    }
                    add(command, in: [context], keyValue, label: "[keys.\(name)] \(commandName)", file: file)
                }
            } else {
                let contexts = KeyContext.allCases.filter { context in defaults.map(context).bindings.contains { $0.action.configName == name } }
                guard let command = contexts.first.flatMap({ context in defaults.map(context).bindings.first { $0.action.configName == name }?.action })
                else {
                    problems.append("\(file): [keys] \(name) is not a command (see docs/keys.md).")
                    continue
                }
                add(command, in: contexts, value, label: "[keys] \(name)", file: file)
            }
        }
    }

    private mutating func add(_ command: Command, in contexts: [KeyContext], _ value: TOMLValueConvertible, label: String, file: String) {
        let names = value.array?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
        var parsed: [Key] = []
        for keyName in names {
            if let key = Key(name: keyName) { parsed.append(key) } else {
                problems.append("\(file): \(label): \"\(keyName)\" is not a key name.")
            }
        }
        guard !parsed.isEmpty else { return }
        for context in contexts { keyOverrides.append((context, command, parsed)) }
    }

    /// The default keymap with this file's overrides, and every problem in words.
    public func keymap() -> (Keymap, [String]) {
        var keymap = DefaultKeymap.make()
        for (context, command, keys) in keyOverrides { keymap.override(command, in: context, keys: keys) }
        return (keymap, problems + keymap.conflicts())
    }
}
