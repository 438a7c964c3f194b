import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Every notice of a sign-in is read: the first shows at once, each next after a key that says
/// nothing of its own (a key that does keeps the notice waiting).
@MainActor
@Suite struct LaterMessagesTests {
    @Test func eachNoticeShowsUntilAKeyAndNoneIsLost() throws {
        let h = try Harness()
        h.press(.char("M"))
        h.app.show(messages: ["First notice (test).", "Second notice (test).", "Third notice (test)."])
        h.tick()
        #expect(h.screen.contains("First notice (test)."))
        h.press(.char("j"))
        #expect(h.screen.contains("Second notice (test).") && !h.screen.contains("First notice"))
        // A key with words of its own: they show, and the third notice waits for the next key.
        h.press(.char("e"))
        #expect(h.message?.contains("Names are masked") == true, "message: \(h.message ?? "nil")")
        #expect(!h.screen.contains("Third notice"))
        h.press(.char("j"))
        #expect(h.screen.contains("Third notice (test)."))
        h.press(.char("j"))
        #expect(h.message == nil)
    }
}
