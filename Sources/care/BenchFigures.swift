import Foundation

/// Timings of one measure, in milliseconds, with the summary the tables print.
struct BenchSamples: Codable, Sendable, Equatable {
    var milliseconds: [Double]

    init(_ milliseconds: [Double] = []) {
        self.milliseconds = milliseconds
    }

    var count: Int { milliseconds.count }

    /// The middle sample (the upper middle of an even count).
    var median: Double { percentile(0.5) }
    /// The sample 99% of the others are at or under (the largest when there are fewer than 100).
    var p99: Double { percentile(0.99) }

    /// The nearest-rank percentile: the smallest sample with at least `fraction` of them at or
    /// under it.
    func percentile(_ fraction: Double) -> Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((Double(sorted.count) * fraction).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    mutating func append(_ value: Double) {
        milliseconds.append(value)
    }

    enum CodingKeys: String, CodingKey {
        case milliseconds, median, p99
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        milliseconds = try container.decode([Double].self, forKey: .milliseconds)
    }

    /// The samples, and their median and p99, so a script need not work them out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(milliseconds.map { ($0 * 1_000).rounded() / 1_000 }, forKey: .milliseconds)
        try container.encode((median * 1_000).rounded() / 1_000, forKey: .median)
        try container.encode((p99 * 1_000).rounded() / 1_000, forKey: .p99)
    }
}

/// What `care bench` measured on one store, in one process (so the memory is the app's alone).
struct BenchFigures: Codable, Sendable {
    var children: Int
    /// Every contact in the store (loaded lazily, never at open).
    var contacts: Int
    var terminal: String

    /// One scrypt derivation at the store's cost.
    var kdf = BenchSamples()
    /// Opening the store and unlocking the account's keys (the KDF included).
    var unlock = BenchSamples()
    /// Loading the caseload and building what the dashboard's first frame shows (`App.init`).
    var load = BenchSamples()
    /// The store's part of `load` alone: `loadCaseload` (read, opened, decoded, assembled).
    var storeRead = BenchSamples()
    /// Rendering and presenting the first frame.
    var firstFrame = BenchSamples()
    /// Unlock + load + first frame, less the median KDF: what the person waits after the KDF.
    var openAfterKDF = BenchSamples()
    /// The loop's turn after the first frame: the dashboard's alert times and referral queue
    /// built (left for after the first frame) and the frame they fill in.
    var finishAfterFirstFrame = BenchSamples()
    /// `openAfterKDF` and that turn: until the whole dashboard is built and drawn.
    var wholeAfterKDF = BenchSamples()

    /// A letter typed into an empty filter, frame drawn.
    var filterLetter = BenchSamples()
    /// Each key of whole names typed into the filter, frame drawn.
    var filterName = BenchSamples()
    /// The same keys one by one, with their place in the name, CPU time and rows shown.
    var filterNameKeys: [FilterKeySample] = []
    /// Each backspace taking those names out again, frame drawn.
    var filterBackspace = BenchSamples()
    /// `j` in the caseload, frame drawn.
    var down = BenchSamples()
    /// Opening a child's record (the view audited first, the first page of contacts): the
    /// store call alone.
    var openRecord = BenchSamples()
    /// Saving a contact note durably, with its audit event: the store call alone.
    var save = BenchSamples()
    /// One page written and `fdatasync`ed in the store's folder: the disk's own floor under a
    /// durable save, which commits with at least one such sync.
    var diskSync = BenchSamples()
    /// Enter on a child in the caseload until its record's frame is drawn.
    var openRecordFrame = BenchSamples()
    /// Ctrl-S in a contact form until the next frame is drawn (the save, the dashboard's
    /// refresh and the frame): what a person waits after saving.
    var saveFrame = BenchSamples()

    /// The UTF-8 bytes of the cells that changed per `j` (the floor for what a terminal must be
    /// sent), averaged over the presses.
    var changedCellBytesPerDown: Double = 0
    /// How many frames a burst of 50 keys read in one turn drew.
    var framesForBurst = 0
    /// Peak resident memory of this process, which only opened and used the store.
    var peakResidentMegabytes = 0.0
    /// The same peak when the last open's first frame and the turn after it (which finishes
    /// the dashboard) were drawn, before any other work.
    var peakAtFirstFrameMegabytes = 0.0
    /// Heap in use (malloc's count) held by the store and the app built at the last open, once
    /// the turn after its first frame finished the dashboard: the caseload snapshot and
    /// everything the dashboard made of it.
    var appHeapMegabytes = 0.0
    /// Heap in use held by one caseload snapshot alone (a second one, read after the work).
    var snapshotHeapMegabytes = 0.0
    /// What each part of that snapshot held alone: the heap freed as the parts were dropped in
    /// this order (text shared with a part dropped later counts to the later one).
    var snapshotParts: [SnapshotPartFigure] = []
    /// The SQL of the rows the app reads at open, for `sqlite3` to read the same.
    var openReads: [String] = []
    /// With `--codecs`: the same summaries decoded from JSON, a binary property list and `SummaryCodec`, and the whole records from JSON.
    var codecs: [CodecFigure]?
}

/// The heap one part of the caseload snapshot held.
struct SnapshotPartFigure: Codable, Sendable, Equatable {
    var part: String
    var megabytes: Double
}

/// The figures of one `care bench` run: the machine, and one entry per size.
struct BenchReport: Codable, Sendable {
    var date: String
    var cores: Int
    var samples: Int
    var sizes: [BenchFigures]

    /// The table `care bench` prints without `--json`.
    func text() -> String {
        var lines = ["care bench — \(date), \(cores) cores, \(samples) samples per keystroke measure; times in ms, median / p99"]
        for figures in sizes {
            lines.append("")
            lines.append("\(figures.children) children (\(figures.contacts) contacts), \(figures.terminal) headless")
            func line(_ label: String, _ samples: BenchSamples) {
                lines.append("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0)
                             + String(format: "%9.2f / %9.2f   (%d)", samples.median, samples.p99, samples.count))
            }
            line("KDF (scrypt, one unlock)", figures.kdf)
            line("open + unlock (KDF included)", figures.unlock)
            line("load the caseload", figures.load)
            line("  of which the store's read (loadCaseload)", figures.storeRead)
            line("first frame", figures.firstFrame)
            line("open + unlock + load + frame, after the KDF", figures.openAfterKDF)
            line("  then the next turn (alert times, queue)", figures.finishAfterFirstFrame)
            line("  after the KDF until the whole dashboard", figures.wholeAfterKDF)
            line("filter: one letter", figures.filterLetter)
            line("filter: each key of a whole name", figures.filterName)
            for group in FilterKeyPlace.Group.allCases {
                let keys = figures.filterNameKeys.filter { $0.place.group == group }
                guard !keys.isEmpty else { continue }
                let wall = BenchSamples(keys.map(\.milliseconds)), cpu = BenchSamples(keys.map(\.cpuMilliseconds))
                let shown = BenchSamples(keys.map { Double($0.shown) }).median
                lines.append("    " + group.rawValue.padding(toLength: 42, withPad: " ", startingAt: 0)
                             + String(format: "%9.2f / %9.2f   (%d); CPU %.2f / %.2f; rows shown %.0f", wall.median, wall.p99, keys.count,
                                      cpu.median, cpu.p99, shown))
            }
            line("filter: each backspace", figures.filterBackspace)
            line("j (next child)", figures.down)
            line("Enter on a child → its record's frame", figures.openRecordFrame)
            line("  the store call alone (audited loadDetail)", figures.openRecord)
            line("Ctrl-S on a contact note → the next frame", figures.saveFrame)
            line("  the store call alone (durable save)", figures.save)
            line("  the disk alone (a page write + fdatasync)", figures.diskSync)
            lines.append(String(format: "  changed cells' UTF-8 bytes per j            %9.1f", figures.changedCellBytesPerDown))
            lines.append("  frames for a burst of 50 keys               \(String(format: "%9d", figures.framesForBurst))")
            lines.append(String(format: "  peak resident memory (the app alone)        %9.1f MB", figures.peakResidentMegabytes))
            lines.append(String(format: "    of which by the first frame + next turn   %9.1f MB", figures.peakAtFirstFrameMegabytes))
            lines.append(String(format: "  heap held by the app, dashboard whole       %9.1f MB", figures.appHeapMegabytes))
            lines.append(String(format: "    of which the caseload snapshot            %9.1f MB", figures.snapshotHeapMegabytes))
            for part in figures.snapshotParts {
                lines.append(String(format: "      \(part.part.padding(toLength: 38, withPad: " ", startingAt: 0))%9.1f MB", part.megabytes))
            }
            for codec in figures.codecs ?? [] {
                lines.append("  decode \(codec.records) payloads, \(codec.codec) (\(codec.bytes / 1_024) KiB)".padding(toLength: 80, withPad: " ", startingAt: 0)
                             + String(format: "%9.2f / %9.2f", codec.decode.median, codec.decode.p99))
            }
        }
        return lines.joined(separator: "\n")
    }
}
