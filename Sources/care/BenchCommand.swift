import ArgumentParser
import CareDomain
import CareStore
import CareTUI
import Foundation
import TextUI
#if canImport(Glibc)
import Glibc
#endif

/// `care bench`: generates synthetic stores and measures what a worker feels — open, first frame,
/// a filter keystroke, opening a record, a durable save — and peak memory. Build with
/// `-c release`; the figures go in docs/benchmarks.md.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure open, filter, detail, save and memory on synthetic stores.")

    @Option(name: .long, parsing: .upToNextOption, help: "Caseload sizes to generate.")
    var sizes: [Int] = [500, 5_000]

    @Option(name: .long, help: "Samples per measurement.")
    var samples = 50

    @Option(name: .long, help: "Folder for the generated stores (default: a temporary folder, removed after).")
    var directory: String?

    func run() throws {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("care-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        Say.out("care bench — \(ProcessInfo.processInfo.processorCount) cores, \(samples) samples; times in ms (median / p99)")
        for size in sizes {
            try MainActor.assumeIsolated { try measure(size: size, folder: folder) }
        }
        Say.out("peak resident memory: \(Self.peakResidentMegabytes()) MB")
    }

    @MainActor
    private func measure(size: Int, folder: String) throws {
        let path = folder + "/bench-\(size).care"
        let now = Date()
        var clock = Stopwatch()
        let demo = DemoGenerator.make(seed: 11, children: size, now: now)
        let generated = clock.lap()
        try DemoStore.create(demo, at: path, passphrase: "bench-passphrase")
        let created = clock.lap()

        let kdf = try time { _ = try SQLiteCaseStore.open(options: StoreOptions(path: path), account: "demo-cp", passphrase: "bench-passphrase") }
        clock = Stopwatch()
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: path), account: "demo-cp", passphrase: "bench-passphrase")
        let unlocked = clock.lap()
        let terminal = HeadlessTerminal(size: Size(width: 120, height: 32))
        let app = try App(store: store, terminal: terminal, theme: .default, settings: AppSettings(idleLimit: 86_400))
        let loaded = clock.lap()
        app.step(timeoutMilliseconds: 0)
        let firstFrame = clock.lap()

        // One filter keystroke: type a letter, then take it back, each a frame.
        terminal.feed([.char("/")])
        app.step(timeoutMilliseconds: 0)
        var filter: [Double] = []
        for i in 0..<samples {
            let letter = Character(["a", "e", "o", "s", "m"][i % 5])
            filter.append(try time { terminal.feed([.char(letter)]); app.step(timeoutMilliseconds: 0) })
            terminal.feed([.backspace])
            app.step(timeoutMilliseconds: 0)
        }
        terminal.feed([.escape])
        app.step(timeoutMilliseconds: 0)

        let children = try store.loadCaseload().children
        var detail: [Double] = []
        for i in 0..<samples {
            let child = children[(i * 7919) % children.count]
            detail.append(try time { _ = try store.loadDetail(of: child.id, contactLimit: 10) })
        }
        var save: [Double] = []
        for i in 0..<samples {
            let child = children[(i * 104_729) % children.count]
            let contact = Contact(child: child.id, occurredAt: Date(), author: store.worker.id, kind: .phone, summary: "bench note \(i)")
            save.append(try time { _ = try store.perform(.logContact(contact)) })
        }
        Say.out("""
            \(size) children (\(demo.contacts.count) contacts): generate \(ms(generated)), create store \(ms(created))
              KDF (scrypt, one unlock)           \(ms(kdf))
              open + unlock + load + first frame \(ms(unlocked + loaded + firstFrame)) (after the KDF: \(ms(max(0, unlocked - kdf) + loaded + firstFrame)))
              filter keystroke                   \(Self.summary(filter))
              open a child's record (audited)    \(Self.summary(detail))
              save a contact (durable)           \(Self.summary(save))
            """)
    }

    private func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1_000) }

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func summary(_ seconds: [Double]) -> String {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return "—" }
        let median = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        return String(format: "%.2f / %.2f", median * 1_000, p99 * 1_000)
    }

    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue == 0 ? 0 : Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1_024
    }
}

/// Elapsed time since the last lap.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
