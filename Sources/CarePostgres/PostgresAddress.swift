import CareCore
import Foundation
import PostgresNIO

/// Where a PostgreSQL store is: `postgres://[user@]host[:port]/database?unit=CODE`, with
/// optional `host=/socket/folder` (a unix socket, as libpq spells it) and `passfile=PATH`.
///
/// One database can hold several units, each in a schema of its own (`care_ken`). The server's
/// password never comes from the address (an address with one is refused: it would sit in argv,
/// the shell's history and `ps`); it comes from a password file in PGPASSFILE's format.
/// TLS is required unless the server is on this machine (loopback or a unix socket).
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var unit: String
    /// A folder holding the server's unix socket, instead of TCP.
    public var socketFolder: String?
    /// Where the server's password is read from; nil: PGPASSFILE, then ~/.pgpass.
    public var passwordFile: String?

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(host: String, port: Int = 5432, database: String, user: String, unit: String, socketFolder: String? = nil,
                passwordFile: String? = nil) throws {
        guard Self.isUnitCode(unit) else { throw StoreError.invalid("a unit code is 2 to 12 letters or digits (got \(unit.count) characters)") }
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.unit = unit.uppercased()
        self.socketFolder = socketFolder
        self.passwordFile = passwordFile
    }

    /// Parses `text`; refuses, in words, an address with a password, without a unit or a database.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text), let parts = URLComponents(string: text) else {
            throw StoreError.invalid("a PostgreSQL store is named postgres://host/database?unit=CODE")
        }
        guard parts.password == nil else {
            throw StoreError.invalid("the server's password is never part of the address (it would show in the process list); put it in a password file (PGPASSFILE)")
        }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        guard let unit = query["unit"], !unit.isEmpty else {
            throw StoreError.invalid("the address names no unit: add ?unit=CODE (each unit is a schema of its own)")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw StoreError.invalid("the address names no database: postgres://host/database?unit=CODE") }
        let user = parts.user ?? environment["PGUSER"] ?? environment["USER"] ?? "care"
        try self.init(
            host: parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost", port: parts.port ?? 5432, database: database, user: user,
            unit: unit, socketFolder: query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil },
            passwordFile: query["passfile"] ?? environment["PGPASSFILE"])
    }

    static func isUnitCode(_ unit: String) -> Bool {
        (2...12).contains(unit.count) && unit.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The unit's schema.
    public var schema: String { "care_" + unit.lowercased() }

    /// The channel `NOTIFY` announces this unit's changes on.
    var channel: String { "care_changes_" + unit.lowercased() }

    /// On this machine: TLS is not needed to reach it.
    public var isLocal: Bool {
        if socketFolder != nil { return true }
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered.hasPrefix("127.") || lowered == "::1" || lowered == "[::1]"
    }

    /// What is shown of the address: never a password (it never holds one).
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?unit=\(unit)"
    }

    /// The server's password for this address from the password file (PGPASSFILE's format),
    /// or nil when the file has none (the server may trust this machine's socket).
    public func serverPassword() throws -> String? {
        try PasswordFile.password(at: passwordFile, host: socketFolder == nil ? host : "localhost", port: port, database: database, user: user)
    }

    /// The driver's configuration: TLS required off this machine, the password from the file.
    func configuration() throws -> PostgresConnection.Configuration {
        let password = try serverPassword()
        if let socketFolder {
            return PostgresConnection.Configuration(
                unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        if isLocal {
            tls = .disable
        } else {
            tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}

/// The server's password from a file in PGPASSFILE's format (`host:port:database:user:password`,
/// `*` matching anything, `\:` a colon), as libpq reads it.
enum PasswordFile {
    static func password(at path: String?, host: String, port: Int, database: String, user: String) throws -> String? {
        let file = path ?? (FileManager.default.homeDirectoryForCurrentUser.path + "/.pgpass")
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            if path != nil { throw StoreError.invalid("the password file \(file) cannot be read") }
            return nil
        }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}

/// The server's refusals in words. A statement's text and its values are never part of them.
enum PostgresFailure {
    static let uniqueViolation = "23505"
    static let serializationFailure = "40001"

    static func words(_ error: PSQLError, doing: String?) -> Error {
        if let state = error.serverInfo?[.sqlState] {
            if state == uniqueViolation { return PostgresStoreError.duplicate }
            let message = error.serverInfo?[.message] ?? "an error"
            // Messages about the schema (a missing table, a refused login) name no record values.
            return StoreError.database("the PostgreSQL server answered \(state): \(message)")
        }
        return StoreError.database("the PostgreSQL server cannot be reached" + (doing.map { " (\($0))" } ?? ""))
    }
}

/// What only a PostgreSQL store refuses.
public enum PostgresStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An insert found its key taken: another session wrote the record first.
    case duplicate
    /// No care store in this unit's schema yet (`care init` makes one).
    case noStore(String)
    /// A store exists already where one was to be made.
    case storeExists(String)

    public var description: String {
        switch self {
        case .duplicate: "Another session saved the same record first."
        case .noStore(let address): "There is no care store at \(address); `care init` makes one."
        case .storeExists(let address): "There is already a care store at \(address)."
        }
    }
}
