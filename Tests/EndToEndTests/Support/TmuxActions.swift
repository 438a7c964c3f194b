import Foundation

/// What several end-to-end tests do the same way, as a person would.
extension TmuxSession {
    /// Narrows the caseload to one case number and reports that child missing, "last seen" at a
    /// synthetic place; returns once the save is said.
    func reportMissing(_ caseNumber: String) throws {
        try waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try send("/")
        try type(caseNumber)
        try send("Enter")
        try waitFor("(1 of")
        try send("m")
        try waitFor("Report missing")
        try send("Tab", "Tab")
        try type("Test park (synthetic)")
        try send("C-s")
        try waitFor("Saved: missing episode opened")
    }

    /// Esc on its own (Esc and a key in one packet is read as Alt and the key), then waits until
    /// `shown` has left the screen, and pauses as a person does before the next letter command
    /// (after a form, question, palette or picker, letters typed at once are typing that ran on).
    func close(_ shown: String) throws {
        try send("Escape")
        try waitFor { !$0.contains(shown) }
        pauseBeforeTheNextCommand()
    }
}
