import Foundation

/// Where a store lives when the person does not say: `--store`, then `$CARE_STORE`, then
/// `$XDG_DATA_HOME/care/<unit>.care` (XDG default `~/.local/share`).
enum StorePaths {
    static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/care" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/care"
    }

    static func resolve(explicit: String?, unit: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnv = environment["CARE_STORE"], !fromEnv.isEmpty { return fromEnv }
        return dataDirectory(environment: environment) + "/\(unit).care"
    }

    /// For plain `care`: the one store in the data folder, if there is exactly one.
    static func discover(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String?, looked: [String]) {
        if let explicit, !explicit.isEmpty { return (explicit, [explicit]) }
        if let fromEnv = environment["CARE_STORE"], !fromEnv.isEmpty { return (fromEnv, [fromEnv]) }
        let dir = dataDirectory(environment: environment)
        let stores = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".care") }.sorted()
        return (stores.count == 1 ? dir + "/" + stores[0] : nil, [dir + "/*.care"])
    }
}
