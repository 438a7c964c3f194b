import CareDomain
import CareStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 21 on the real binary: nothing typed is lost to a hang-up, a word typed on after Esc
/// runs nothing, and a paste without bracketed paste is never keys.
@Suite(.serialized) struct DraftsInTmuxTests {
    static let note = "Draftcanary Qwxz synthetic words"

    /// The store's files, scanned for `text` in clear.
    func leaks(_ text: String, in demo: DemoFixture) throws -> [String] {
        [demo.store, demo.store + "-wal", demo.store + "-shm"].filter { file in
            guard let bytes = FileManager.default.contents(atPath: file) else { return false }
            return bytes.range(of: Data(text.utf8)) != nil
        }
    }

    /// Opens care, opens the first child's record, then a contact note with the cursor in its summary.
    func openNote(_ demo: DemoFixture) throws -> TmuxSession {
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("Enter")
        try tmux.waitFor("── Recent contacts")
        try tmux.send("n")
        try tmux.waitFor("Log contact")
        try tmux.send("Tab", "Tab", "Tab")
        return tmux
    }

    @Test func aNoteTypedBeforeAHangUpIsBackAfterASignInAndNotOnDisk() throws {
        let demo = try DemoFixture()
        let first = try openNote(demo)
        try first.type(Self.note)
        try first.waitFor(Self.note)
        kill(try first.careProcess(), SIGHUP)
        try first.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
        #expect(try leaks(Self.note, in: demo) == [])

        let again = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        var signedIn = try again.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        // The sign-in's notices come one per key (the scratch folder's mode first); Ctrl-L
        // leaves no message of its own, so the next one shows.
        for _ in 0..<3 where !signedIn.contains("Unsaved draft") {
            try again.send("C-l")
            signedIn = try again.waitFor(timeout: 5) { !$0.contains("can be used by other accounts") || $0.contains("Unsaved draft") }
        }
        #expect(signedIn.contains("Unsaved draft: contact note for"), "\(signedIn)")
        try again.send("Enter")
        try again.waitFor("unsaved draft: contact note")
        try again.send("n")
        let restored = try again.waitFor("restored")
        #expect(restored.contains(Self.note), "\(restored)")
        #expect(restored.contains("Draft from"), "\(restored)")
        try again.send("C-c")
        try again.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
        #expect(try leaks(Self.note, in: demo) == [])
    }

    /// Esc then "yesterday" at 120 ms a key, then Ctrl-S: nothing in the store changes but the
    /// draft, which holds the note. (The waits between keys are the typing's pace, as a person
    /// types; what is checked waits on the screen.)
    @Test func escThenYesterdayAtAPersonsPaceChangesNothingAndLeavesTheDraft() throws {
        let demo = try DemoFixture()
        let reader = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let child = try #require(try reader.loadCaseload().children.sorted { $0.caseNumber.description < $1.caseNumber.description }.first)
        let changed: () throws -> Int = { try reader.auditEvents(child: nil, actor: nil, since: nil).filter { $0.action == .create || $0.action == .update }.count }
        let before = try changed()

        let tmux = try openNote(demo)
        try tmux.type("half a note")
        try tmux.waitFor("half a note")
        try tmux.send("Escape")
        try tmux.waitFor("Kept as a draft")
        for key in "yesterday" {
            try tmux.send(String(key))
            Thread.sleep(forTimeInterval: 0.12)
        }
        let after = try tmux.waitFor("Typing ignored after the form closed")
        #expect(!after.contains("Edit profile") && !after.contains("Log contact"), "\(after)")
        // Ctrl-S, as the note's author meant it: no form is open to save.
        try tmux.send("C-s")
        try tmux.send("C-c")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }

        #expect(try changed() == before, "nothing saved")
        let record = try reader.loadDetail(of: child.id, contactLimit: 5).child
        #expect(!record.legalName.contains("sterday"))
        let cp = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-cp", passphrase: "demo")
        #expect(try cp.drafts().map(\.fields["summary"]) == ["half a note"])
    }

    /// tmux's paste-buffer without -p sends no paste markers: "Rowan⏎q⏎M⏎H" arrives as keys.
    @Test func anUnbracketedPasteIntoTheFilterQuitsNothing() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("/")
        try Shell.run(["tmux", "-L", tmux.socket, "load-buffer", "-"], stdin: "Rowan\nq\nM\nH")
        try Shell.run("tmux", "-L", tmux.socket, "paste-buffer", "-t", tmux.name)
        let screen = try tmux.waitFor("Rowan q M H")
        #expect(!screen.contains("CARE-EXITED") && screen.contains("1 Caseload"), "q quit nothing, H opened nothing: \(screen)")
        try tmux.send("Escape")
        try tmux.waitFor { !$0.contains("Rowan q M H") }
        try tmux.send("C-c")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
    }
}
