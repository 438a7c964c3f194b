import Foundation

/// One run of the `care` binary built beside the tests, as a script would run it: the
/// passphrase on standard input (`--passphrase-fd 0`), both streams kept, its own state folder
/// (removed with the run) so no anchor of the person running the tests is read or written.
struct CareCommandRun: CustomStringConvertible {
    let exitCode: Int32
    let stdout: String
    let stderr: String

    var succeeded: Bool { exitCode == 0 }
    var description: String { "exit \(exitCode)\nstdout: \(stdout)\nstderr: \(stderr)" }

    static func care(_ arguments: [String], passphrase: String = "") throws -> CareCommandRun {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("care-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = state.path
        environment["CARE_STORE"] = nil
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data((passphrase + "\n").utf8))
        try input.fileHandleForWriting.close()
        // Both pipes are drained while it runs: a full one would stop it.
        let group = DispatchGroup()
        nonisolated(unsafe) var err = Data()
        DispatchQueue.global().async(group: group) { err = errors.fileHandleForReading.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CareCommandRun(
            exitCode: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Beside the test runner (`.build/<triple>/debug/carePackageTests.xctest` on Linux).
    static var binary: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder.appendingPathComponent("care").path
    }
}
