/// Why a theme file could not be used, said so a person can fix it: which file, which line,
/// which role, and what is wrong.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    /// The file as it was named (a path, or `NAME` when no file was found).
    public var file: String
    /// The 1-based line, when it could be found.
    public var line: Int?
    /// The role key as written in the file, when the problem is in a role.
    public var role: String?
    public var message: String

    public init(file: String, line: Int? = nil, role: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.role = role
        self.message = message
    }

    /// For example `themes/bad.toml line 7, role risk.hgh: unknown role (known roles: …)`.
    public var description: String {
        var place = file
        if let line { place += " line \(line)" }
        if let role { place += ", role \(role)" }
        return "\(place): \(message)"
    }
}
