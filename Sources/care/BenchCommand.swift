import ArgumentParser
import CareDomain
import CareStore
import Foundation

/// `care bench`: generates synthetic stores and measures what a worker feels — open and first
/// frame, filter keystrokes, `j`, opening a record, a durable save — and the app's peak memory.
/// Build with `-c release`; docs/benchmarks.md says how the figures are read.
///
/// Each size is measured in a child process (`--measure`) that only opens and uses the store, so
/// the peak memory is the app's, not the generator's.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure open, filter, navigation, record, save and memory on synthetic stores.")

    @Option(name: .long, parsing: .upToNextOption, help: "Caseload sizes to generate, e.g. 500,5000,50000.")
    var sizes: [String] = ["500", "5000"]

    @Option(name: .long, help: "Samples per keystroke, record and save measure.")
    var samples = 100

    @Option(name: .long, help: "Times the store is opened (each with the KDF).")
    var openSamples = 5

    @Option(name: .long, help: "Folder for the generated stores, kept and reused (default: a temporary folder, removed after).")
    var directory: String?

    @ArgumentParser.Flag(name: .long, help: "Print the figures as JSON (every sample, with median and p99).")
    var json = false

    @Option(name: .long, help: "Write each child's searchable fields to DIR/fields-SIZE.txt (for scripts/bench-compare.sh).")
    var searchFields: String?

    @ArgumentParser.Flag(name: .long, help: "Also time decoding the caseload summaries as JSON, as a binary property list and in their own bytes.")
    var codecs = false

    @Option(name: .long, help: .hidden)
    var measure: String?

    func validate() throws {
        guard !parsedSizes.isEmpty, parsedSizes.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--sizes takes positive numbers, e.g. --sizes 500,5000,50000")
        }
        guard samples > 0, openSamples > 0 else { throw ValidationError("--samples and --open-samples must be positive") }
    }

    /// "500,5000 50000" → [500, 5000, 50000]; 0 for anything that is not a number.
    var parsedSizes: [Int] {
        sizes.flatMap { $0.split(separator: ",") }.map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
    }

    func run() throws {
        if let measure {
            let figures = try MainActor.assumeIsolated {
                try BenchRun(path: measure, samples: samples, openSamples: openSamples, searchFields: searchFields, codecs: codecs).run()
            }
            FileHandle.standardOutput.write(try JSONEncoder().encode(figures))
            return
        }
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("care-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let searchFields { try FileManager.default.createDirectory(atPath: searchFields, withIntermediateDirectories: true) }
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }

        var report = BenchReport(
            date: ISO8601DateFormatter().string(from: Date()), cores: ProcessInfo.processInfo.activeProcessorCount,
            samples: samples, sizes: [])
        for size in parsedSizes {
            let path = folder + "/bench-\(size).care"
            if !FileManager.default.fileExists(atPath: path) {
                if !json { Say.out("generating \(size) children into \(path) …") }
                let demo = DemoGenerator.make(seed: 11, children: size, now: Date())
                try DemoStore.create(demo, at: path, passphrase: BenchRun.passphrase)
            }
            var arguments = ["bench", "--measure", path, "--samples", "\(samples)", "--open-samples", "\(openSamples)"]
            if let searchFields { arguments += ["--search-fields", searchFields + "/fields-\(size).txt"] }
            if codecs { arguments.append("--codecs") }
            report.sizes.append(try Self.measureInChild(arguments, state: folder + "/state"))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            Say.out(report.text())
        }
    }

    /// Runs this binary with `arguments` and reads its figures. Its anchors go to `state`, not
    /// to the person's own state folder.
    private static func measureInChild(_ arguments: [String], state: String) throws -> BenchFigures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = state
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure.words("The measuring process failed (exit \(process.terminationStatus)); its reason is above.")
        }
        return try JSONDecoder().decode(BenchFigures.self, from: data)
    }
}
