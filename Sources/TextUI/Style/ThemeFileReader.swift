import Foundation
import TOMLKit

/// Turns a parsed theme file into a `Theme`, placing every problem at a file, line and role.
struct ThemeFileReader {
    let file: String
    let source: ThemeSourceLines

    private static let styleFields: Set<String> = ["fg", "bg", "attrs"]
    private static let attributeNames: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ]

    /// What a theme file says: its name, the background it is made for, and the roles it sets
    /// itself (before inheriting from the default).
    struct Contents {
        var name: String
        var background: TerminalBackground?
        var minimumContrast: Double?
        var styles: [ThemeRole: Style]
    }

    func contents(of root: TOMLTable) throws(ThemeError) -> Contents {
        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var background: TerminalBackground?
        var minimumContrast: Double?
        var palette: [String: Color] = [:]
        var rolesTable: TOMLTable?
        for key in root.keys {
            let value = root[key]
            switch key {
            case "name":
                guard let text = value?.string else { throw problem(key: key, in: "", "name must be text") }
                name = text
            case "background":
                guard let text = value?.string, let made = TerminalBackground(rawValue: text) else {
                    throw problem(key: key, in: "", "background must be \"dark\" or \"light\" (the terminal background the theme is made for)")
                }
                background = made
            case "contrast":
                guard let ratio = value?.double ?? value?.int.map(Double.init), (1...21).contains(ratio) else {
                    throw problem(key: key, in: "", "contrast must be a ratio from 1 to 21 (7 is WCAG AAA)")
                }
                minimumContrast = ratio
            case "palette":
                guard let table = value?.table else { throw problem(key: key, in: "", "palette must be a table") }
                palette = try readPalette(table)
            case "roles":
                guard let table = value?.table else { throw problem(key: key, in: "", "roles must be a table") }
                rolesTable = table
            default:
                throw problem(key: key, in: "", "unknown section \"\(key)\" (a theme has name, background, contrast, [palette] and [roles])")
            }
        }
        // Roles are read after the whole palette, wherever the sections sit in the file.
        var styles: [ThemeRole: Style] = [:]
        if let rolesTable {
            var entries: [(path: String, value: TOMLValueConvertible)] = []
            try collectRoles(in: rolesTable, path: "", into: &entries)
            for entry in entries {
                guard let role = ThemeRole(rawValue: entry.path) else {
                    let known = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                    throw roleProblem(entry.path, "unknown role (known roles: \(known))")
                }
                styles[role] = try readStyle(entry.value, role: entry.path, palette: palette)
            }
        }
        return Contents(name: name, background: background, minimumContrast: minimumContrast, styles: styles)
    }

    private func readPalette(_ table: TOMLTable) throws(ThemeError) -> [String: Color] {
        var palette: [String: Color] = [:]
        for key in table.keys {
            let value = table[key]
            let color: Color?
            if let number = value?.int {
                color = ThemeColorName.color(from: number)
            } else if let text = value?.string {
                color = ThemeColorName.color(from: text)
            } else {
                color = nil
            }
            guard let color else {
                throw problem(key: key, in: "palette", "palette colour \"\(key)\" is \(describe(value)), \(Self.colorHelp)")
            }
            palette[key] = color
        }
        return palette
    }

    /// Role keys may be quoted (`"risk.high" = {…}`) or dotted (`risk.high = {…}`, which TOML
    /// nests as `risk → high`); both are flattened back to `risk.high`.
    private func collectRoles(
        in table: TOMLTable, path: String, into entries: inout [(path: String, value: TOMLValueConvertible)]
    ) throws(ThemeError) {
        var hasStyleField = false
        var hasChildRole = false
        for key in table.keys {
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard let value = table[key] else { continue }
            let pathIsRole = ThemeRole(rawValue: path) != nil
            if !path.isEmpty, Self.styleFields.contains(key) {
                hasStyleField = true
            } else if let child = value.table {
                hasChildRole = true
                try collectRoles(in: child, path: childPath, into: &entries)
            } else if value.string != nil, !pathIsRole || ThemeRole(rawValue: childPath) != nil {
                hasChildRole = true
                entries.append((childPath, value))
            } else if pathIsRole {
                throw roleProblem(path, "unknown field \"\(key)\" (a role has fg, bg and attrs)")
            } else {
                throw roleProblem(childPath, "a role must be a table like { fg = \"red\", attrs = [\"bold\"] }")
            }
        }
        if !path.isEmpty, hasStyleField || !hasChildRole {
            entries.append((path, table))
        }
    }

    private func readStyle(_ value: TOMLValueConvertible, role: String, palette: [String: Color]) throws(ThemeError) -> Style {
        if let text = value.string {
            return Style(foreground: try readColor(text, field: "fg", role: role, palette: palette))
        }
        guard let table = value.table else { throw roleProblem(role, "a role must be a table") }
        var style = Style()
        if let fg = table["fg"] {
            style.foreground = try readColor(fg, field: "fg", role: role, palette: palette)
        }
        if let bg = table["bg"] {
            style.background = try readColor(bg, field: "bg", role: role, palette: palette)
        }
        if let attrs = table["attrs"] {
            style.attributes = try readAttributes(attrs, role: role)
        }
        return style
    }

    private func readColor(
        _ value: TOMLValueConvertible, field: String, role: String, palette: [String: Color]
    ) throws(ThemeError) -> Color {
        if let number = value.int, let color = ThemeColorName.color(from: number) { return color }
        if let text = value.string {
            if let color = palette[text] ?? ThemeColorName.color(from: text) { return color }
        }
        throw roleProblem(role, "\(field) is \(describe(value)), not a palette name; \(Self.colorHelp)")
    }

    private func readAttributes(_ value: TOMLValueConvertible, role: String) throws(ThemeError) -> Attributes {
        let items: [TOMLValueConvertible]
        if let array = value.array { items = Array(array) } else { items = [value] }
        var attributes: Attributes = []
        let known = Self.attributeNames.map(\.0).joined(separator: ", ")
        for item in items {
            guard let word = item.string, let match = Self.attributeNames.first(where: { $0.0 == word.lowercased() }) else {
                throw roleProblem(role, "attribute \(describe(item)) is unknown (use \(known))")
            }
            attributes.insert(match.1)
        }
        return attributes
    }

    private static let colorHelp =
        "a colour is a palette name, a colour name (\(ThemeColorName.allNames.joined(separator: " "))), 0–255 or #rrggbb"

    private func describe(_ value: TOMLValueConvertible?) -> String {
        guard let value else { return "missing" }
        if let text = value.string { return "\"\(text)\"" }
        if let number = value.int { return String(number) }
        return "not text or a number"
    }

    private func problem(key: String, in section: String, _ message: String) -> ThemeError {
        ThemeError(file: file, line: source.line(ofKey: key, inSection: section), message: message)
    }

    private func roleProblem(_ role: String, _ message: String) -> ThemeError {
        ThemeError(file: file, line: source.line(ofKey: role, inSection: "roles"), role: role, message: message)
    }
}
