import Foundation
import TOMLKit

/// Reads theme files and picks the theme a session starts with.
///
/// A theme file has an optional `name`, the `background` it is made for (`"dark"` or
/// `"light"`, which its 8- and 16-colour forms assume), the least `contrast` its forms for fewer
/// colours must keep (`7` in high-contrast), a `[palette]` naming colours once, and a `[roles]`
/// table giving each `ThemeRole` a style:
///
/// ```toml
/// background = "dark"
/// [palette]
/// bg = "#1c1c1c"
/// red = 196
///
/// [roles]
/// "risk.high" = { fg = "red", bg = "bg", attrs = ["bold"] }
/// ```
///
/// A colour is a palette name, a colour name (`red`, `bright-cyan`, …), 0–255, `#rrggbb` or
/// `default`; attributes are `bold`, `dim`, `underline`, `reverse`. Roles a file leaves out
/// come from `Theme.default`.
public enum ThemeLoader {
    /// Parses the text of a theme file. `file` names it in errors and, without a `name` key,
    /// gives the theme its name.
    public static func parse(_ toml: String, file: String) throws(ThemeError) -> Theme {
        let contents = try readContents(toml, file: file)
        var theme = Theme(name: contents.name, styles: contents.styles, base: .default, background: contents.background)
        theme.minimumContrast = contents.minimumContrast
        return theme
    }

    /// The roles a theme file leaves to `Theme.default`, for checking a theme is complete.
    public static func rolesNotSet(in toml: String, file: String) throws(ThemeError) -> [ThemeRole] {
        let contents = try readContents(toml, file: file)
        return ThemeRole.allCases.filter { contents.styles[$0] == nil }
    }

    private static func readContents(_ toml: String, file: String) throws(ThemeError) -> ThemeFileReader.Contents {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ThemeError(file: file, message: "not valid TOML")
        }
        return try withExtendedLifetime(root) { () throws(ThemeError) -> ThemeFileReader.Contents in
            try ThemeFileReader(file: file, source: ThemeSourceLines(toml)).contents(of: root)
        }
    }

    /// Loads a theme by name or path. A plain `NAME` is looked up as `NAME.toml` in each of
    /// `searchPaths` in order; anything else (or a name found in none of them) is read as a
    /// path. `default` and `monochrome` are built in, so they load even with no files at all.
    public static func load(nameOrPath: String, searchPaths: [String]) throws(ThemeError) -> Theme {
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
        if !looksLikePath {
            for directory in searchPaths {
                let candidate = (directory as NSString).appendingPathComponent("\(nameOrPath).toml")
                if FileManager.default.fileExists(atPath: candidate) {
                    return try parseFile(at: candidate)
                }
            }
        }
        if FileManager.default.fileExists(atPath: nameOrPath) {
            return try parseFile(at: nameOrPath)
        }
        if !looksLikePath {
            if nameOrPath == Theme.default.name { return .default }
            if nameOrPath == Theme.monochrome.name { return .monochrome }
        }
        let looked = searchPaths.isEmpty ? "" : " (looked for \(nameOrPath).toml in \(searchPaths.joined(separator: ", ")))"
        throw ThemeError(file: nameOrPath, message: "no such theme\(looked)")
    }

    /// The theme a session starts with, already degraded to what the terminal can show.
    ///
    /// `NO_COLOR` set and non-empty, or a terminal without colour, gives `Theme.monochrome`
    /// whatever was asked for. A theme that cannot be loaded gives `Theme.default` and a
    /// warning that names the file, line and role, so the program still starts.
    public static func select(
        requested: String?,
        environment: [String: String],
        colorCapability: ColorCapability,
        searchPaths: [String]
    ) -> (theme: Theme, warning: String?) {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return (Theme.monochrome.degraded(to: .none), nil)
        }
        if colorCapability == .none {
            return (Theme.monochrome.degraded(to: .none), nil)
        }
        do {
            let theme = try load(nameOrPath: requested ?? Theme.default.name, searchPaths: searchPaths)
            return (theme.degraded(to: colorCapability), nil)
        } catch {
            return (Theme.default.degraded(to: colorCapability), "Theme not used — \(error). Showing the default theme instead.")
        }
    }

    /// Where the themes shipped with the program are, most specific first: `$CARE_THEMES_DIR`,
    /// then a `themes/` folder (holding `default.toml`) found walking up from the executable,
    /// then one found walking up from the current directory.
    public static func bundledThemesDirectory() -> [String] {
        bundledThemesDirectory(
            environment: ProcessInfo.processInfo.environment,
            executablePath: Bundle.main.executablePath,
            currentDirectory: FileManager.default.currentDirectoryPath
        )
    }

    /// `bundledThemesDirectory()` with its inputs spelled out, for tests.
    public static func bundledThemesDirectory(
        environment: [String: String],
        executablePath: String?,
        currentDirectory: String
    ) -> [String] {
        var directories: [String] = []
        if let configured = environment["CARE_THEMES_DIR"], !configured.isEmpty {
            directories.append(configured)
        }
        var starts: [String] = []
        if let executablePath {
            starts.append(((executablePath as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent)
        }
        starts.append(currentDirectory)
        for start in starts {
            if let found = themesDirectory(walkingUpFrom: start), !directories.contains(found) {
                directories.append(found)
            }
        }
        return directories
    }

    /// The usual search order: the user's `$XDG_CONFIG_HOME/care/themes` (or
    /// `~/.config/care/themes`), then the bundled directories.
    public static func defaultSearchPaths(environment: [String: String]) -> [String] {
        var paths: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            paths.append((config as NSString).appendingPathComponent("care/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            paths.append((home as NSString).appendingPathComponent(".config/care/themes"))
        }
        return paths + bundledThemesDirectory()
    }

    private static func themesDirectory(walkingUpFrom start: String) -> String? {
        var directory = (start as NSString).standardizingPath
        while true {
            let themes = (directory as NSString).appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: (themes as NSString).appendingPathComponent("default.toml")) {
                return themes
            }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { return nil }
            directory = parent
        }
    }

    private static func parseFile(at path: String) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, message: "cannot be read as UTF-8 text")
        }
        return try parse(text, file: path)
    }
}
