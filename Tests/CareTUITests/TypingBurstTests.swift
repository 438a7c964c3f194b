import CareDomain
@testable import CareTUI
import Foundation
import Testing
import TextUI

/// Characters that arrive together as keys (a paste from a terminal without bracketed paste, or
/// fast typing over a slow link) go into a field in one insertion, with exactly the result the
/// same keys have one at a time.
@MainActor
@Suite struct TypingBurstTests {
    @Test func runsOfCharactersAreGatheredAndOtherKeysSplitThem() {
        let events: [InputEvent] = "ab".map { .key(.char($0)) } + [.key(.left)] + [.key(.char("c"))] + "de".map { .key(.char($0)) }
            + [.resize(Size(width: 10, height: 5))]
        #expect(App.gatheringTyping(events) == [.typed("ab"), .key(.left), .typed("cde"), .resize(Size(width: 10, height: 5))])
        #expect(App.gatheringTyping([.key(.char("x"))]) == [.key(.char("x"))], "one key stays a key")
        let paste = String(repeating: "y", count: 100_000)
        #expect(App.gatheringTyping(paste.map { .key(.char($0)) }) == [.typed(paste)])
    }

    /// Random bursts of characters mixed with editing keys: one read at a time gives the same
    /// note, cursor and all, as one key per read.
    @Test func aBurstTypesExactlyWhatItsKeysTypeOneAtATime() throws {
        var random = SystemRandomNumberGenerator()
        let letters = Array("abc dé𝒳Ñ\u{301}  xyz")
        let editing: [Key] = [.left, .left, .backspace, .home, .end, .right, .ctrl("w"), .enter]
        for round in 0..<20 {
            var keys: [Key] = []
            for _ in 0..<40 {
                if Int.random(in: 0..<5, using: &random) == 0 { keys.append(editing.randomElement(using: &random)!) }
                else { keys.append(.char(letters.randomElement(using: &random)!)) }
            }
            let burst = try Harness(children: 5)
            let single = try Harness(children: 5)
            for h in [burst, single] { h.press(.enter, .char("n"), .tab, .tab, .tab) }
            burst.terminal.feed(keys)
            burst.tick()
            for key in keys { single.press(key) }
            #expect(burst.formValue("summary") == single.formValue("summary"), "round \(round): \(keys)")
            #expect(burst.form?.focusedField?.cursor == single.form?.focusedField?.cursor, "round \(round)")
        }
    }

    @Test func aLetterTheFormBindsStillActsInsideABurst() throws {
        var keymap = DefaultKeymap.make()
        keymap.override(.save, in: .form, keys: [.char("§")])
        let h = try Harness(keymap: keymap)
        h.press(.char("n"), .tab, .tab, .tab)
        let child = try #require(h.dashboard.selectedChild).id
        h.terminal.feed("Synthetic burst§/kenora")
        h.tick()
        // The burst is typed key by key: "§" saves, and what follows it goes where keys go then:
        // "/" to the dashboard, which opens the filter, and the rest into the filter.
        #expect(!h.formOpen)
        #expect(h.dashboard.filterEditing)
        #expect(h.dashboard.filterField.value == "kenora")
        #expect(try h.store.loadDetail(of: child, contactLimit: 1).contacts.contacts.first?.summary == "Synthetic burst")
    }

    /// Commands that arrive in one read (fast keys over a slow link) each finish before the
    /// next: H opens the handover, which P then prints.
    @Test func commandsInOneReadEachFinishBeforeTheNext() throws {
        let h = try Harness(user: "demo-supervisor")
        h.type("HP")
        guard h.front is QuestionScreen else {
            Issue.record("P did not reach the handover H opened: \(String(describing: h.front)), \(h.message ?? "")")
            return
        }
    }

    @Test func aLongPassphraseIsCountedNotWalkedAndStopsAtItsLimit() throws {
        let h = try Harness()
        h.press(.ctrl("x"))
        #expect(h.locked)
        h.type(String(repeating: "p", count: 5_000))
        #expect(h.app.state.lock?.passphrase.count == PassphraseInput.limit)
        #expect(h.app.state.lock?.error == PassphraseInput.tooLongWords)
        #expect(h.terminal.screen.lines().contains { $0.contains("holds at most 1,024 characters") })
        h.terminal.feed(paste: String(repeating: "q", count: 5_000))
        h.tick()
        #expect(h.app.state.lock?.passphrase.count == PassphraseInput.limit)
        h.press(.ctrl("u"))
        h.type(Harness.passphrase)
        h.press(.enter)
        #expect(!h.locked)
    }
}
