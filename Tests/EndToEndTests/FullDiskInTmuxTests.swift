import CareDomain
import CareStore
import Foundation
import Testing

/// The disk fills while a worker is saving a note: they are told in words, nothing is shown as
/// saved, their text stays in the form, the dashboard goes on reading, and the same save lands
/// once there is room. On a tmpfs where mounting is allowed; otherwise with a file-size limit
/// on the running `care` (`prlimit`), which fails its writes the same way.
@Suite(.serialized)
struct FullDiskInTmuxTests {
    /// How the disk is made full and given room again.
    enum Filler {
        case tmpfs(ScratchDisk)
        case fileSizeLimit

        func fill(_ tmux: TmuxSession) throws {
            switch self {
            case .tmpfs(let disk): try disk.fill()
            case .fileSizeLimit: try FileSizeLimit.set(try tmux.careProcess(), bytes: 1024)
            }
        }

        func free(_ tmux: TmuxSession) throws {
            switch self {
            case .tmpfs(let disk): try disk.free()
            case .fileSizeLimit:
                // Once care has quit, its limit went with it.
                guard let pid = try? tmux.careProcess() else { return }
                try FileSizeLimit.set(pid, bytes: nil)
            }
        }
    }

    static let canFill = ScratchDisk.mountAllowed || FileSizeLimit.available

    @Test(.enabled(if: canFill, "needs a tmpfs or prlimit"))
    func aFullDiskWhileSavingANoteIsSaidInWordsKeepsTheTextAndTheSaveLandsOnceThereIsRoom() throws {
        let demo = try DemoFixture()
        var store = demo.store
        let filler: Filler
        if ScratchDisk.mountAllowed {
            let disk = try ScratchDisk(kilobytes: 8192)
            store = try disk.copyIn(demo.store, as: "demo.care")
            filler = .tmpfs(disk)
        } else {
            filler = .fileSizeLimit
        }
        let command = "\(Fixture.careBinary) --store \(store) --user demo-cp --passphrase-fd 3 3<\(demo.passphraseFile)"
        let tmux = try TmuxSession(command: command, environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("Enter")
        try tmux.waitFor("── Recent contacts")
        try tmux.send("n")
        try tmux.waitFor("Log contact")
        try tmux.send("Tab", "Tab", "Tab")
        try tmux.type("Synthetic note on a full disk")

        try filler.fill(tmux)
        try tmux.send("C-s")
        let refused = try tmux.waitFor("Not saved")
        #expect(refused.contains("the disk holding it is full") || refused.contains("file-size limit"), "\(refused)")
        #expect(!refused.contains("I/O") && !refused.contains("Saved:"), "\(refused)")
        #expect(refused.contains("Log contact") && refused.contains("Synthetic note on a full disk"), "the form and the text are kept")

        try filler.free(tmux)
        try tmux.send("C-s")
        try tmux.waitFor { $0.contains("Saved: contact logged") && $0.contains("· Synthetic no") }

        // Full again: the caseload still reads and filters; opening another record needs its
        // view written to the audit trail, so it is refused in words, not shown unaudited.
        try filler.fill(tmux)
        tmux.pauseBeforeTheNextCommand()
        try tmux.send("1", "/")
        try tmux.type("KEN-2026-0002")
        try tmux.send("Enter")
        try tmux.waitFor("(1 of")
        try tmux.send("Enter")
        let notOpened = try tmux.waitFor { $0.contains("is full") || $0.contains("file-size limit") }
        #expect(!notOpened.contains("internal error"))
        try tmux.send("q")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }

        try filler.free(tmux)
        let reopened = try SQLiteCaseStore.open(options: StoreOptions(path: store), account: "demo-supervisor", passphrase: "demo")
        let first = try #require(reopened.loadCaseload().children.min { $0.caseNumber < $1.caseNumber })
        let notes = try reopened.loadContacts(of: first.id, after: .start, limit: 100).contacts.map(\.summary)
        #expect(notes.filter { $0 == "Synthetic note on a full disk" }.count == 1, "saved once: the refused save wrote nothing")
        #expect(try reopened.verify().isHealthy)
    }

    /// A store that cannot be written (a disk mounted read-only where mounting is allowed, or a
    /// file made read-only): it opens for reading with the reason in words, a save is refused in
    /// words and the form keeps what was typed.
    @Test func aReadOnlyStoreOpensForReadingAndASaveIsRefusedKeepingTheForm() throws {
        let demo = try DemoFixture()
        var store = demo.store
        var disk: ScratchDisk?
        if ScratchDisk.mountAllowed {
            let mounted = try ScratchDisk(kilobytes: 8192)
            store = try mounted.copyIn(demo.store, as: "demo.care")
            try mounted.remount(readOnly: true)
            disk = mounted
        } else {
            try Shell.run("chmod", "400", store)
        }
        let command = "\(Fixture.careBinary) --store \(store) --user demo-cp --passphrase-fd 3 3<\(demo.passphraseFile)"
        let tmux = try TmuxSession(command: command, environment: demo.environment)
        let opened = try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        #expect(opened.contains("This store is read-only"), "\(opened)")
        #expect(opened.contains(disk == nil ? "not writable" : "mounted read-only"), "\(opened)")
        try tmux.send("n")
        try tmux.waitFor("Log contact")
        try tmux.send("Tab", "Tab", "Tab")
        try tmux.type("Synthetic note on a read-only store")
        try tmux.send("C-s")
        let refused = try tmux.waitFor("Not saved")
        #expect(refused.contains("cannot be written") && refused.contains("Synthetic note on a read-only store"), "\(refused)")
        #expect(!refused.contains("unable to open"))
        // No draft can be kept on a read-only store: the form stays open with the text.
        try tmux.send("Escape")
        let kept = try tmux.waitFor("No draft could be kept")
        #expect(kept.contains("Synthetic note on a read-only store"), "\(kept)")
        try tmux.send("C-d")
        try tmux.waitFor("Discard the draft?")
        try tmux.send("Left", "Enter")
        try tmux.waitFor { !$0.contains("Log contact") }
        try tmux.send("C-c")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
        _ = disk
    }
}
