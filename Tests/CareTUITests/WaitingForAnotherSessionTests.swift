import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A save that finds another session holding the store: the screen says so in the same frame,
/// keeps drawing and taking keys, Esc gives up keeping the form, and a lock let go lets the save
/// land. The store here holds its lock as a test says (`HeldStore`); the real one is held by
/// another process in `WaitingInTmuxTests`.
@MainActor
@Suite struct WaitingForAnotherSessionTests {
    /// A store another session holds: a call made without waiting is refused at once, as
    /// SQLite refuses `BEGIN IMMEDIATE`; one allowed to wait blocks until the test lets go, the
    /// wait is given up, or its time runs out.
    final class HeldStore: ForwardingStore, LockWaiting, @unchecked Sendable {
        struct Held: LockRefusal { var isLockRefusal: Bool { true } }
        struct GaveUp: LockRefusal, ErrorInWords {
            var isLockRefusal: Bool { true }
            var description: String { "Gave up waiting for another session; nothing was saved." }
        }

        private let condition = NSCondition()
        private var held = false
        private var wait = LockWait.standard
        private(set) var waitsStarted = 0

        func hold() { condition.withLock { held = true } }
        func letGo() {
            condition.withLock {
                held = false
                condition.broadcast()
            }
        }

        func withLockWait<T>(_ wait: LockWait, _ body: () throws -> T) rethrows -> T {
            condition.withLock { self.wait = wait }
            return try body()
        }

        override func perform(_ command: CaseCommand) throws -> CommandOutcome {
            try waitForTheLock()
            return try base.perform(command)
        }

        // Locking writes its event (the keys go whatever it did), unlocking and checking a
        // passphrase write theirs after the key derivation, a handover file its export.
        override func lock() {
            try? waitForTheLock()
            base.lock()
        }

        override func unlock(passphrase: String) throws {
            try waitForTheLock()
            try base.unlock(passphrase: passphrase)
        }

        override func verifyPassphrase(_ passphrase: String, purpose: String) throws {
            try waitForTheLock()
            try base.verifyPassphrase(passphrase, purpose: purpose)
        }

        override func recordExport(_ summary: String) throws {
            try waitForTheLock()
            try base.recordExport(summary)
        }

        private func waitForTheLock() throws {
            condition.lock()
            defer { condition.unlock() }
            guard held else { return }
            guard wait.seconds > 0 else { throw Held() }
            wait.cancel?.noteHeld()
            waitsStarted += 1
            let deadline = Date().addingTimeInterval(wait.seconds)
            while held {
                if wait.cancel?.isCancelled == true { throw GaveUp() }
                if Date() >= deadline { throw Held() }
                // A short slice, to see the cancel: the cancel has its own condition.
                _ = condition.wait(until: min(deadline, Date().addingTimeInterval(0.005)))
            }
        }
    }

    func heldHarness(user: String = "demo-cp", wall: Bool = false, handoverFolder: String = FileManager.default.temporaryDirectory.path) throws
        -> (Harness, HeldStore) {
        var held: HeldStore?
        let h = try Harness(user: user, wall: wall, handoverFolder: handoverFolder, wrap: { base in
            let store = HeldStore(base)
            held = store
            return store
        })
        return (h, try #require(held))
    }

    func harnessWithANoteTyped() throws -> (Harness, HeldStore) {
        var held: HeldStore?
        let h = try Harness(wrap: { base in
            let store = HeldStore(base)
            held = store
            return store
        })
        h.press(.enter)
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("Synthetic note while another session saves")
        return (h, try #require(held))
    }

    /// Runs the loop, a turn at a time, until `condition` holds or the deadline passes.
    func loop(_ h: Harness, until condition: () -> Bool, timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { return false }
            h.app.step(timeoutMilliseconds: 10)
        }
        return true
    }

    @Test func aSaveWaitingForAnotherSessionSaysSoInTheSameFrameAndLandsWhenTheLockIsLetGo() throws {
        let (h, store) = try harnessWithANoteTyped()
        store.hold()
        h.press(.ctrl("s"))
        // The frame drawn in the same turn as Ctrl-S already says it.
        #expect(h.screen.contains("Saving: waiting for another session"), "\(h.screen)")
        #expect(h.formOpen && h.formValue("summary")?.contains("Synthetic note while another session saves") == true)

        // Still drawing and taking keys: a resize is drawn, a key is answered, typing changes nothing.
        h.terminal.resize(to: Size(width: 100, height: 30))
        h.press(.char("x"))
        #expect(h.terminal.screen.size == Size(width: 100, height: 30))
        #expect(h.message?.contains("Esc gives up") == true)
        #expect(h.formValue("summary") == "Synthetic note while another session saves", "nothing typed goes in under a waiting save")

        store.letGo()
        #expect(loop(h) { h.message?.hasPrefix("Saved: contact logged") == true })
        #expect(!h.formOpen)
        #expect(h.screen.contains("· Syntheti"), "the note is in the open record")
        #expect(store.waitsStarted == 1)
    }

    @Test func escGivesUpTheWaitAndKeepsTheForm() throws {
        let (h, store) = try harnessWithANoteTyped()
        store.hold()
        h.press(.ctrl("s"))
        #expect(h.app.state.storeWait != nil)
        h.press(.escape)
        #expect(loop(h) { h.app.state.storeWait == nil })
        #expect(h.formOpen)
        #expect(h.formValue("summary") == "Synthetic note while another session saves")
        #expect(h.screen.contains("Not saved: Gave up waiting for another session"), "\(h.screen)")

        // The lock goes; the same form saves.
        store.letGo()
        h.press(.ctrl("s"))
        #expect(h.message?.hasPrefix("Saved: contact logged") == true)
    }

    @Test func whatIsAskedOfTheStoreWhileASaveWaitsWaitsBehindItInOrder() throws {
        let (h, store) = try harnessWithANoteTyped()
        store.hold()
        h.press(.ctrl("s"))
        // The minute hand and the change feed's poll go on; the poll is left for the next tick.
        h.clock.advance(by: 2)
        h.tick()
        #expect(h.app.state.storeWait != nil)
        store.letGo()
        #expect(loop(h) { h.app.state.storeWait == nil })
        #expect(h.message?.hasPrefix("Saved") == true)
        // After the answer, the loop polls again as usual.
        h.clock.advance(by: 2)
        h.tick()
        #expect(h.app.state.storeWait == nil)
    }

    // MARK: Locking, unlocking, checking a passphrase, writing a handover file

    /// These used to wait on the loop, up to 5 s with the screen still, while another session
    /// held the store. Now the lock screen is drawn at once and says what waits, the passphrase
    /// can be typed meanwhile, Enter waits for it, and Esc gives up an unlock without a wait
    /// added before the next try.
    @Test func lockingAndUnlockingWaitOffTheLoopSayingSoAndTakingKeys() throws {
        let (h, store) = try heldHarness()
        store.hold()
        h.press(.ctrl("x"))
        #expect(h.locked && h.screen.contains("KEN unit — locked"), "drawn in the same turn: \(h.screen)")
        #expect(loop(h) { h.screen.contains("Locking: waiting for another session") }, "\(h.screen)")
        h.type(Harness.passphrase)
        #expect(h.screen.contains(String(repeating: "•", count: Harness.passphrase.count)), "typed while it waits: \(h.screen)")
        h.press(.enter)
        #expect(h.locked && h.screen.contains("Locking: waiting for another session"), "Enter waits for the lock: \(h.screen)")

        store.letGo()
        #expect(loop(h) { h.app.state.storeWait == nil })
        #expect(h.database.auditEvents().last?.action == .lock, "the lock's event is written once the store is free")

        store.hold()
        h.press(.enter)
        #expect(loop(h) { h.screen.contains("Unlocking: waiting for another session") }, "\(h.screen)")
        h.press(.escape)
        #expect(loop(h) { h.app.state.storeWait == nil })
        #expect(h.locked && h.screen.contains("Gave up waiting for another session"), "\(h.screen)")

        store.letGo()
        h.type(Harness.passphrase)
        h.press(.enter)
        #expect(loop(h) { !h.locked }, "no wait before the next try, as the passphrase was never refused: \(h.screen)")
        #expect(h.screen.contains("1 Caseload"))
    }

    /// The file is made, its export audited, and only then written: given up while another
    /// session held the store, no file is left (it used to be written before the audit waited).
    @Test func writingAHandoverFileWaitsOffTheLoopAndLeavesNoFileWhenGivenUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-handover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (h, store) = try heldHarness(user: "demo-supervisor", handoverFolder: folder.path)
        let path = folder.appendingPathComponent("handover-KEN-2026-11-23-night.md").path
        h.press(.char("H"), .char("P"))
        store.hold()
        h.answerYes()
        #expect(loop(h) { h.message?.hasPrefix("Writing the handover: waiting for another session") == true }, "\(h.message ?? "")")
        h.press(.char("j"))
        #expect(h.message?.contains("Esc gives up; no file is left") == true, "a key is answered: \(h.message ?? "")")
        h.press(.escape)
        #expect(loop(h) { h.app.state.storeWait == nil })
        #expect(h.message?.contains("Gave up waiting for another session") == true, "\(h.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: path))

        store.letGo()
        h.press(.char("P"))
        h.answerYes()
        #expect(loop(h) { h.message?.hasPrefix("Written to \(path).") == true }, "\(h.message ?? "")")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(h.database.auditEvents().filter { $0.action == .export }.count == 1)
    }

    /// The wall's passphrase check for showing names waits off the loop too.
    @Test func checkingThePassphraseOnTheWallWaitsOffTheLoop() throws {
        let (h, store) = try heldHarness(user: "demo-supervisor", wall: true)
        h.press(.char("M"))
        h.type(Harness.passphrase)
        store.hold()
        h.press(.enter)
        #expect(loop(h) { h.message?.hasPrefix("Checking the passphrase: waiting for another session") == true }, "\(h.message ?? "")")
        #expect(h.dashboard.masked)
        store.letGo()
        #expect(loop(h) { !h.dashboard.masked }, "\(h.screen)")
    }
}
