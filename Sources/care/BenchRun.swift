import CareDomain
import CareStore
import CareTUI
import Foundation
import CMalloc
import TextUI

/// The measurements of `care bench` on one store, in a process that does nothing else, so its
/// peak memory is the app's alone. Everything goes through the App, store and frame loop a
/// person uses, over a headless terminal of the size the tmux comparison uses.
@MainActor
struct BenchRun {
    nonisolated static let account = "demo-cp"
    nonisolated static let passphrase = "bench-passphrase"
    static let screen = Size(width: 120, height: 32)

    let path: String
    let samples: Int
    let openSamples: Int
    /// Where to write each child's searchable fields, one line per child, for grep and fzf.
    let searchFields: String?
    /// Whether to time the payload codecs on the loaded records too.
    var codecs = false

    func run() throws -> BenchFigures {
        var figures = BenchFigures(children: 0, contacts: 0, terminal: "\(Self.screen.width)×\(Self.screen.height)")
        for _ in 0..<max(1, openSamples) {
            figures.kdf.append(try Self.milliseconds { try KeyVault.deriveOnceForTiming(cost: .default) })
        }

        // One open first, not counted: the first sign-in after a store is generated does one-time
        // work (about a second at 5,000 children), and the file's pages come into the OS cache.
        _ = try SQLiteCaseStore.open(options: StoreOptions(path: path), account: Self.account, passphrase: Self.passphrase)

        // Each sample opens the store anew; the last one's app and store are measured further.
        var opened: (app: App, terminal: CountingTerminal, store: SQLiteCaseStore)?
        for _ in 0..<max(1, openSamples) {
            opened = nil
            var store: SQLiteCaseStore?
            let heapBefore = Self.heapInUseMegabytes()
            let unlock = try Self.milliseconds {
                // As the dashboard opens it: the summaries read while the key is derived.
                store = try SQLiteCaseStore.open(
                    options: StoreOptions(path: path, readsCaseloadAhead: true), account: Self.account, passphrase: Self.passphrase)
            }
            let terminal = CountingTerminal(size: Self.screen)
            var app: App?
            let load = try Self.milliseconds {
                // No settle window: the bench presses its next command at once, where a person reading
                // the new screen is well past it (it would drop the next sample's keys).
                app = try App(store: store!, terminal: terminal, theme: .default, settings: AppSettings(idleLimit: 86_400, settleTime: 0))
            }
            // As `App.run` draws it, and then its next turn, which builds what the first frame
            // did not need (the alert times, the referral queue) and draws the frame they fill:
            // timed apart, so deferred work is never left out of the figures.
            let frame = try Self.milliseconds { app!.drawFirstFrame() }
            let finish = try Self.milliseconds { app!.step(timeoutMilliseconds: 0) }
            // Once the dashboard is whole: what it built after the first frame is held too.
            figures.appHeapMegabytes = Self.heapInUseMegabytes() - heapBefore
            figures.peakAtFirstFrameMegabytes = Self.peakResidentMegabytes()
            figures.unlock.append(unlock)
            figures.load.append(load)
            figures.firstFrame.append(frame)
            figures.finishAfterFirstFrame.append(finish)
            opened = (app!, terminal, store!)
        }
        let kdf = figures.kdf.median
        for index in figures.unlock.milliseconds.indices {
            figures.openAfterKDF.append(max(0, figures.unlock.milliseconds[index] - kdf)
                                        + figures.load.milliseconds[index] + figures.firstFrame.milliseconds[index])
            figures.wholeAfterKDF.append(figures.openAfterKDF.milliseconds[index] + figures.finishAfterFirstFrame.milliseconds[index])
        }
        guard let (app, terminal, store) = opened else { return figures }
        // Ids and names taken out, not the rows kept: a copy of the rows held here would make
        // every save's refresh copy all of them.
        let (ids, names) = { (rows: [CaseloadRow]) in (rows.map(\.child), rows.map(\.displayName)) }(app.state.dashboard.allRows)
        figures.children = ids.count
        figures.openReads = SQLiteCaseStore.caseloadReads(readable: store.worker.role.readableClasses)
        if let searchFields { try writeSearchFields(app.state.dashboard, to: searchFields) }

        try measureFilter(app, terminal, names: names, into: &figures)
        try measureNavigation(app, terminal, into: &figures)
        try measureRecordAndSave(app, terminal, into: &figures)
        for index in 0..<samples {
            let child = ids[(index * 7_919) % ids.count]
            figures.openRecord.append(try Self.milliseconds { _ = try store.loadDetail(of: child, contactLimit: 10) })
        }
        for index in 0..<samples {
            let child = ids[(index * 104_729) % ids.count]
            let contact = Contact(child: child, occurredAt: Date(), author: store.worker.id, kind: .phone, summary: "bench note \(index)")
            figures.save.append(try Self.milliseconds { _ = try store.perform(.logContact(contact)) })
        }
        figures.diskSync = try Self.diskSyncs(beside: path, samples: samples)
        figures.peakResidentMegabytes = Self.peakResidentMegabytes()
        // After the peak is read: every contact's stamp, a million at 50,000 children, held at
        // once only to be counted, once added 100 MB to the app's peak.
        figures.contacts = try store.contactStamps(from: .distantPast, to: .distantFuture).count
        // After the peak is read: each read holds a second caseload beside the app's.
        for _ in 0..<max(1, openSamples) {
            figures.storeRead.append(try Self.milliseconds { _ = try store.loadCaseload() })
        }
        let heapBefore = Self.heapInUseMegabytes()
        var snapshot: CaseloadSnapshot? = try store.loadCaseload()
        figures.snapshotHeapMegabytes = Self.heapInUseMegabytes() - heapBefore
        figures.snapshotParts = Self.heapByPart(of: &snapshot)
        if codecs { figures.codecs = try CodecComparison.measure(store) }
        return figures
    }

    /// A letter into the empty filter and out again; then whole names typed key by key and taken
    /// out with backspace; each key one frame.
    private func measureFilter(_ app: App, _ terminal: CountingTerminal, names: [String], into figures: inout BenchFigures) throws {
        terminal.feed([.char("/")])
        app.step(timeoutMilliseconds: 0)
        let letters = Array("aeosmnrilt")
        for index in 0..<samples {
            figures.filterLetter.append(try Self.milliseconds { terminal.feed([.char(letters[index % letters.count])]); app.step(timeoutMilliseconds: 0) })
            figures.filterBackspace.append(try Self.milliseconds { terminal.feed([.backspace]); app.step(timeoutMilliseconds: 0) })
        }
        for index in 0..<max(2, samples / 10) {
            let name = names[(index * 4_973) % names.count]
            var place = FilterKeyPlace()
            for letter in name {
                place.advance(past: letter)
                var cpu = 0.0
                let wall = try Self.milliseconds {
                    cpu = Self.threadCPUMilliseconds { terminal.feed([.char(letter)]); app.step(timeoutMilliseconds: 0) }
                }
                figures.filterName.append(wall)
                figures.filterNameKeys.append(FilterKeySample(place: place, milliseconds: wall, cpuMilliseconds: cpu,
                                                              shown: app.state.dashboard.rows.count))
            }
            for _ in name {
                figures.filterBackspace.append(try Self.milliseconds { terminal.feed([.backspace]); app.step(timeoutMilliseconds: 0) })
            }
        }
        terminal.feed([.escape])
        app.step(timeoutMilliseconds: 0)
    }

    /// `j` down the caseload, one frame each, counting the changed cells' bytes; then a burst of
    /// 50 `k` read in one turn of the loop.
    private func measureNavigation(_ app: App, _ terminal: CountingTerminal, into figures: inout BenchFigures) throws {
        let bytesBefore = terminal.changedCellBytes
        for _ in 0..<samples {
            figures.down.append(try Self.milliseconds { terminal.feed([.char("j")]); app.step(timeoutMilliseconds: 0) })
        }
        figures.changedCellBytesPerDown = Double(terminal.changedCellBytes - bytesBefore) / Double(max(1, samples))
        let framesBefore = terminal.frames
        terminal.feed(Array(repeating: .char("k"), count: 50))
        app.step(timeoutMilliseconds: 0)
        figures.framesForBurst = terminal.frames - framesBefore
    }

    /// What a person waits for, through the keys they press: Enter on the next child until its
    /// record's frame is drawn (the view audited, the record read, the frame); and a contact
    /// note typed into the form and Ctrl-S until the next frame is drawn (the durable save, the
    /// dashboard's refresh, the frame). Each sample first moves to the next child with `j`.
    private func measureRecordAndSave(_ app: App, _ terminal: CountingTerminal, into figures: inout BenchFigures) throws {
        func press(_ keys: [Key]) {
            terminal.feed(keys)
            app.step(timeoutMilliseconds: 0)
        }
        for _ in 0..<samples {
            press([.char("1")])
            press([.char("j")])
            figures.openRecordFrame.append(try Self.milliseconds { press([.enter]) })
            guard app.state.dashboard.openDetail != nil else {
                throw CommandFailure.words("The bench's Enter did not open a record: \(app.state.message ?? "no message").")
            }
        }
        for index in 0..<samples {
            press([.char("1")])
            press([.char("j")])
            press([.char("n")])
            press([.tab, .tab, .tab])
            press("bench note \(index)".map { Key.char($0) })
            // Timing a Ctrl-S with no form open would time nothing: each sample's form is checked.
            guard app.state.front != nil else {
                throw CommandFailure.words("The bench's contact form did not open: \(app.state.message ?? "no message").")
            }
            figures.saveFrame.append(try Self.milliseconds { press([.ctrl("s")]) })
            guard app.state.front == nil else {
                throw CommandFailure.words("The bench's contact note did not save: \(app.state.message ?? "the form is still open").")
            }
        }
        press([.char("1")])
    }

    /// One line per child: the fields the filter searches, tab-separated, in the caseload's order.
    private func writeSearchFields(_ dashboard: CareTUI.Dashboard, to path: String) throws {
        var names: [WorkerID: String] = [:]
        for worker in dashboard.snapshot.workers { names[worker.id] = worker.displayName }
        var text = ""
        for child in dashboard.snapshot.children {
            text += CaseloadRow.searchParts(of: child, workerNames: names).joined(separator: "\t") + "\n"
        }
        // Without the file, bench-compare would time grep and fzf over nothing: say so instead.
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure.words("Could not write the search fields to \(path); check that its folder exists and is writable.")
        }
    }

    /// Times `samples` writes of one 4 KiB page, each made durable with `fdatasync`, to a
    /// scratch file in the store's folder (removed after): what the disk asks of any save.
    nonisolated static func diskSyncs(beside storePath: String, samples: Int) throws -> BenchSamples {
        let scratch = URL(fileURLWithPath: storePath).deletingLastPathComponent()
            .appendingPathComponent(".bench-sync-\(getpid())").path
        let descriptor = open(scratch, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw CommandFailure.words("Could not create \(scratch) to time the disk.") }
        defer { close(descriptor); unlink(scratch) }
        let page = [UInt8](repeating: 0x2e, count: 4_096)
        var timings = BenchSamples()
        for index in 0..<max(1, samples) {
            timings.append(try milliseconds {
                let written = page.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(index % 16) * 4_096) }
                guard written == page.count, fdatasync(descriptor) == 0 else { throw CommandFailure.words("Could not write \(scratch) to time the disk.") }
            })
        }
        return timings
    }

    /// Drops the snapshot's parts one by one and notes the heap each one gave back.
    static func heapByPart(of snapshot: inout CaseloadSnapshot?) -> [SnapshotPartFigure] {
        let drops: [(String, (inout CaseloadSnapshot) -> Void)] = [
            ("last contacts", { $0.lastContact = [:]; $0.restrictedLastContact = [] }),
            ("missing episodes", { $0.episodes = [:] }),
            ("open indicators", { $0.openIndicators = [:] }),
            ("safety plans", { $0.plans = [:] }),
            ("referrals", { $0.referrals = [] }),
            ("appointments", { $0.appointments = [] }),
            ("alert responses", { $0.responses = [] }),
            ("services, workers, damaged", { $0.services = []; $0.workers = []; $0.damaged = [] }),
        ]
        var parts: [SnapshotPartFigure] = []
        for (name, drop) in drops {
            let before = heapInUseMegabytes()
            drop(&snapshot!)
            parts.append(SnapshotPartFigure(part: name, megabytes: before - heapInUseMegabytes()))
        }
        let before = heapInUseMegabytes()
        snapshot = nil
        parts.append(SnapshotPartFigure(part: "children (profiles)", megabytes: before - heapInUseMegabytes()))
        return parts
    }

    nonisolated static func milliseconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    /// The CPU time this thread spent in `body`: unlike the wall clock, not lengthened while
    /// another process has the core, so a slow key can be told from a preempted one.
    static func threadCPUMilliseconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
        }
        let start = now()
        body()
        return now() - start
    }

    /// The bytes malloc has handed out and not had back (small blocks and mmapped ones), in MB.
    static func heapInUseMegabytes() -> Double {
        let info = mallinfo2()
        return Double(info.uordblks + info.hblkhd) / 1_048_576
    }

    /// The process's peak resident set (VmHWM), in MB.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1_024
    }
}
