import Foundation
import Testing

/// The login screen and Ctrl-X, on the real binary.
@Suite(.serialized)
struct LoginAndLockInTmuxTests {
    @Test func loginRefusesAWrongPassphraseThenAcceptsTheRightOneAndCtrlXHidesEveryName() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: "\(Fixture.careBinary) --store \(demo.store) --user demo-cp", environment: demo.environment)
        try tmux.waitFor(timeout: 30) { $0.contains("sign in") && $0.contains("demo-cp") }
        try tmux.type("not-the-passphrase")
        try tmux.send("Enter")
        let refused = try tmux.waitFor(timeout: 30) { $0.contains("Try again.") }
        #expect(refused.lowercased().contains("passphrase"))
        #expect(!refused.contains("1 Caseload"))
        #expect(!refused.contains("not-the-passphrase"), "the passphrase is never drawn")

        try tmux.type("demo")
        try tmux.send("Enter")
        let opened = try tmux.waitFor(timeout: 30) { $0.contains("1 Caseload") }
        #expect(opened.contains("KEN-2026") || opened.contains("MISSING") || opened.contains("contact"))

        try tmux.send("C-x")
        let locked = try tmux.waitFor("locked")
        #expect(!locked.contains("Caseload"))
        #expect(!locked.contains("KEN-2026"))
        #expect(!locked.contains("MISSING"))
        #expect(!locked.contains("contact "))
    }
}
