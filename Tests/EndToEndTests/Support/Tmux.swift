import Foundation

/// A tmux server of its own (its own socket) running one command in a pane of a fixed size,
/// for driving the real `care` binary the way a person would: type keys, read the screen.
final class TmuxSession {
    let socket: String
    let name = "care"

    init(command: String, width: Int = 120, height: Int = 32, environment: [String: String] = [:]) throws {
        socket = "care-e2e-\(UUID().uuidString.prefix(8))"
        var env = environment.map { "\($0.key)=\(Shell.quote($0.value))" }.joined(separator: " ")
        if !env.isEmpty { env = "env " + env + " " }
        // remain-on-exit keeps the pane so the screen after exit can be read.
        // The tmux server outlives this call and would hold a captured pipe open forever, so its
        // output goes nowhere.
        try Shell.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name,
                       "-x", String(width), "-y", String(height), "sh", "-c", "\(env)\(command); echo; echo CARE-EXITED $?; exec sh"],
                      captureOutput: false)
    }

    deinit {
        _ = try? Shell.run("tmux", "-L", socket, "kill-server")
    }

    func send(_ keys: String...) throws {
        try Shell.run(["tmux", "-L", socket, "send-keys", "-t", name] + keys)
    }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws {
        try Shell.run("tmux", "-L", socket, "send-keys", "-t", name, "-l", text)
    }

    func capture(escapes: Bool = false) throws -> String {
        var args = ["tmux", "-L", socket, "capture-pane", "-p", "-t", name]
        if escapes { args.append("-e") }
        return try Shell.run(args)
    }

    func resize(width: Int, height: Int) throws {
        try Shell.run("tmux", "-L", socket, "resize-window", "-t", name, "-x", String(width), "-y", String(height))
    }

    /// Polls the screen until `predicate` holds or the deadline passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: TimeInterval = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !predicate(screen) {
            guard Date() < deadline else { throw Timeout(screen: screen) }
            // Poll interval of a deadline-bounded wait, not a stand-in for synchronisation.
            usleep(50_000)
            screen = try capture()
        }
        return screen
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    struct Timeout: Error, CustomStringConvertible {
        let screen: String
        var description: String { "timed out; the screen was:\n\(screen)" }
    }
}

/// Runs a command and returns its standard output; throws with its standard error on failure.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ args: String...) throws -> String { try run(args) }

    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, captureOutput: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        let out = Pipe(), err = Pipe()
        if captureOutput {
            process.standardOutput = out
            process.standardError = err
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        guard captureOutput else {
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Failure(description: "\(args.joined(separator: " ")) exited \(process.terminationStatus)")
            }
            return ""
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(args.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// Paths of the built binary and a scratch folder per test.
enum Fixture {
    /// The `care` binary next to the test bundle (`swift build` puts both in the same folder).
    static var careBinary: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        // On Linux the runner is `.build/<triple>/debug/carePackageTests.xctest`.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        let candidate = dir.appendingPathComponent("care").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/care").path
    }

    static func scratchDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("care-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Environment for a test run: its own XDG folders so nothing touches the person's files.
    static func environment(scratch: String) -> [String: String] {
        ["XDG_DATA_HOME": scratch + "/data", "XDG_CONFIG_HOME": scratch + "/config", "XDG_STATE_HOME": scratch + "/state",
         "TERM": "tmux-256color", "LANG": "C.UTF-8"]
    }
}
