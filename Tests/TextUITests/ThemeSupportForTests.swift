import Foundation

/// Paths and scratch directories shared by the theme tests.
enum ThemeTestSupport {
    /// The repository's `themes/` directory, found from this file's location.
    static var bundledThemes: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes").path
    }

    static let bundledNames = ["default", "light", "high-contrast", "monochrome", "colorblind"]

    static func bundledText(_ name: String) throws -> String {
        try String(contentsOfFile: "\(bundledThemes)/\(name).toml", encoding: .utf8)
    }

    /// A fresh empty directory holding `files` (name → text).
    static func scratchDirectory(with files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("care-theme-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory.path
    }
}
