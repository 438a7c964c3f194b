import CareDomain
import CareStore
import Foundation
import Testing

/// Another process holds the store's write lock (the sqlite3 shell in a transaction, as a
/// long save in another session would): a save says it is waiting within a frame, the screen
/// keeps drawing and taking keys, Esc gives up keeping the form, the save lands when the lock
/// goes, and a lock held past the wait is said in words with the form kept.
@Suite(.serialized)
struct WaitingInTmuxTests {
    /// The sqlite3 shell holding the store's write lock until told to let go.
    struct LockHolder {
        let session: TmuxSession

        init(store: String) throws {
            session = try TmuxSession(command: "sqlite3 \(store)", width: 80, height: 10)
        }

        func hold() throws {
            // Not ending in ";": tmux reads a last ";" as the end of its own command.
            try session.type("BEGIN IMMEDIATE; SELECT 'write lock ' || 'held'; ")
            try session.send("Enter")
            try session.waitFor("write lock held")
        }

        func letGo() throws {
            try session.type("ROLLBACK; SELECT 'lock ' || 'released'; ")
            try session.send("Enter")
            try session.waitFor("lock released")
        }
    }

    @Test func aSaveWaitsVisiblyGivesUpOnEscLandsWhenTheLockGoesAndSaysSoAfterFiveSeconds() throws {
        let demo = try DemoFixture()
        let care = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try care.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try care.send("Enter")
        try care.waitFor("── Recent contacts")
        try care.send("n")
        try care.waitFor("Log contact")
        try care.send("Tab", "Tab", "Tab")
        try care.type("Synthetic note held up")

        let holder = try LockHolder(store: demo.store)
        try holder.hold()
        try care.send("C-s")
        // Within a frame (the wait here is the poll of the screen, bounded at a second).
        let waiting = try care.waitFor(timeout: 1) { $0.contains("Saving: waiting for another session") }
        #expect(waiting.contains("Synthetic note held up"))
        // The screen keeps drawing: the seconds go up, and a new size is drawn whole.
        try care.waitFor(timeout: 4) { $0.contains("another session… 2 s") }
        try care.resize(width: 100, height: 30)
        try care.waitFor(timeout: 2) { screen in screen.split(separator: "\n").contains { $0.contains("Caseload") && $0.count <= 100 } }
        try care.send("x")
        try care.waitFor(timeout: 2) { $0.contains("Esc gives up") }

        try care.send("Escape")
        let gaveUp = try care.waitFor(timeout: 2) { $0.contains("Not saved: Gave up waiting for another session") }
        #expect(gaveUp.contains("Log contact") && gaveUp.contains("Synthetic note held up"), "the form and its text are kept")

        // Again, and this time the other session lets go while the save waits.
        try care.send("C-s")
        try care.waitFor(timeout: 1) { $0.contains("Saving: waiting for another session") }
        try holder.letGo()
        try care.waitFor(timeout: 3) { $0.contains("Saved: contact logged") }

        // A lock held past the wait: words, and the form kept.
        care.pauseBeforeTheNextCommand()
        try care.send("n")
        try care.waitFor("Log contact")
        try care.send("Tab", "Tab", "Tab")
        try care.type("Synthetic second note held up")
        try holder.hold()
        try care.send("C-s")
        let tooLong = try care.waitFor(timeout: 8) { $0.contains("Not saved: Another session held the store for longer than care waits (5 s)") }
        #expect(tooLong.contains("Synthetic second note held up"))
        #expect(!tooLong.contains("SQLITE") && !tooLong.contains("database is locked"))
        try holder.letGo()
        try care.send("C-s")
        try care.waitFor(timeout: 3) { $0.contains("Saved: contact logged") }
        // Ctrl-C: a letter just after the form closed is typing that ran on, not a command.
        try care.send("C-c")
        try care.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let first = try #require(store.loadCaseload().children.min { $0.caseNumber < $1.caseNumber })
        let notes = try store.loadContacts(of: first.id, after: .start, limit: 100).contacts.map(\.summary)
        #expect(notes.filter { $0 == "Synthetic note held up" }.count == 1)
        #expect(notes.filter { $0 == "Synthetic second note held up" }.count == 1)
        #expect(try store.verify().isHealthy)
    }

    /// Locking and unlocking while another process holds the store's write lock used to wait on
    /// the loop, the screen still, up to 5 s each. Now the lock screen is drawn at once and says
    /// what waits, the passphrase can be typed meanwhile, Esc gives up an unlock, and both land
    /// once the lock goes.
    @Test func lockingAndUnlockingWaitVisiblyTakeKeysAndLandWhenTheLockGoes() throws {
        let demo = try DemoFixture()
        let care = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        // Once the first child's preview is shown its view is written: a lock taken before then
        // holds up that write, and C-x would wait behind it (seen on a busy machine).
        try care.waitFor(timeout: 60) { $0.contains("1 Caseload") && $0.contains("Whereabouts:") }
        let holder = try LockHolder(store: demo.store)
        try holder.hold()
        try care.send("C-x")
        try care.waitFor(timeout: 1) { $0.contains("Locking: waiting for another session") && $0.contains("KEN unit — locked") }
        try care.type("demo")
        try care.waitFor(timeout: 2) { $0.contains("demo-cp: ••••") }
        try holder.letGo()
        try care.waitFor(timeout: 3) { $0.contains("Type the passphrase and press Enter") }

        try holder.hold()
        try care.send("Enter")
        // After the key derivation (seconds in a debug build), the unlock's write waits.
        try care.waitFor(timeout: 30) { $0.contains("Unlocking: waiting for another session") }
        try care.send("Escape")
        let gaveUp = try care.waitFor(timeout: 2) { $0.contains("Gave up waiting for another session") }
        #expect(gaveUp.contains("KEN unit — locked"))
        try holder.letGo()
        try care.type("demo")
        try care.send("Enter")
        try care.waitFor(timeout: 30) { $0.contains("1 Caseload") }
        try care.send("q")
        try care.waitFor("CARE-EXITED 0")
    }
}
