import CareDomain
@testable import CareTUI
import Foundation
import Testing
import TextUI

/// A screen is one controller that owns its keys, their reasons, its answers and its scroll:
/// added here in the test target alone, it gets its help, its hint line and its palette entries
/// from its bindings, with no change to `Update`.
@MainActor
@Suite struct ScreenControllerTests {
    /// A small list of synthetic persons with two commands of its own: open (works) and copy
    /// (off, with a reason).
    struct PersonsOfInterestScreen: ScreenController {
        let id: Int
        let persons = ["Test Person Alpha (synthetic)", "Test Person Beta (synthetic)"]
        var selection = 0
        var opened: [String] = []

        var keyChain: KeyChain { KeyChain([.list, .global]) }

        func hints(_ env: ScreenEnvironment) -> [ScreenHint] { [.command(.open, "open the person"), .command(.copy, "copy")] }

        func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
            command == .copy ? "nothing about a person leaves through the clipboard" : nil
        }

        mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
            if let reason = disabledReason(command, ctx.env) { return ctx.refuse(reason) }
            switch command {
            case .moveDown: selection = min(selection + 1, persons.count - 1)
            case .moveUp: selection = max(selection - 1, 0)
            case .open:
                opened.append(persons[selection])
                ctx.say("Opened \(persons[selection]).")
            default: break
            }
        }

        mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
            let inner = Overlay.box(in: area, width: 60, title: "Persons of interest (test)", buffer: &buffer, theme: theme)
            for (row, person) in persons.enumerated() {
                buffer.write((row == selection ? "▶ " : "  ") + person, at: Point(x: inner.x, y: inner.y + row), width: inner.width, style: theme[.normal])
            }
            return Point(x: inner.x, y: inner.y + selection)
        }
    }

    static func keymap() -> Keymap {
        var keymap = DefaultKeymap.make()
        keymap.override(.copy, in: .list, keys: [.char("y")])
        return keymap
    }

    @Test func aScreenAddedInTheTestTargetGetsItsHelpHintsAndPaletteFromItsBindings() throws {
        let h = try Harness(keymap: Self.keymap())
        h.app.state.screens.append(PersonsOfInterestScreen(id: h.app.state.takeScreenID()))
        h.tick()
        #expect(h.screen.contains("Persons of interest (test)"))

        // The hint line: its own labels, keys from the keymap, the disabled one greyed.
        let hints = HintLine.hints(in: h.app.state)
        #expect(hints.contains(KeyHint(key: "Enter", label: "open the person", enabled: true)))
        #expect(hints.contains(KeyHint(key: "y", label: "copy", enabled: false)))
        #expect(h.lines.last?.contains("Enter open the person") == true)

        // Its keys act on it; the disabled one says why.
        h.press(.char("j"), .enter)
        #expect(h.message == "Opened Test Person Beta (synthetic).")
        h.press(.char("y"))
        #expect(h.message == "Nothing about a person leaves through the clipboard.")

        // Help lists its bindings with the reason beneath the one that is off.
        h.press(.char("?"))
        #expect(h.screen.contains("Lists"))
        #expect(h.screen.contains("not now: nothing about a person leaves through the clipboard"))
        h.press(.escape)
        #expect(h.front is PersonsOfInterestScreen)

        // The palette lists the same, filtered as you type, and Enter runs it on the screen.
        h.press(.char(":"))
        #expect(h.front is CommandPalette)
        h.type("copy")
        #expect(h.screen.contains("(not now)"))
        #expect(h.screen.contains("not now: nothing about a person leaves through the clipboard"))
        h.press(.enter)
        #expect(h.front is CommandPalette, "a disabled command does not run")
        h.press(.escape)
        h.press(.char(":"))
        h.type("OPEN (IN")
        h.press(.enter)
        #expect(h.front is PersonsOfInterestScreen, "the palette closed")
        #expect((h.front as? PersonsOfInterestScreen)?.opened.count == 2)
    }

    @Test func thePaletteRunsADashboardCommandAndSaysWhyADisabledOneIsOff() throws {
        let h = try Harness(user: "demo-police")
        let sort = h.dashboard.query.sort
        h.press(.ctrl("p"))
        #expect(h.screen.contains("Commands — type to filter"))
        h.type("sort ord")
        #expect(h.screen.contains("cycle the sort order"))
        h.press(.enter)
        #expect(h.front == nil)
        #expect(h.dashboard.query.sort == sort.next)

        // Police may not log a referral: the palette says so beside it and on Enter.
        h.press(.char(":"))
        h.type("new referral")
        #expect(h.screen.contains("not now: A police officer cannot create a referral"))
        h.press(.enter)
        #expect(h.front is CommandPalette, "a disabled command does not run")
        #expect(h.message?.hasPrefix("A police officer cannot create a referral") == true)
    }

    @Test func aStoreAnswerForAClosedScreenChangesNothing() throws {
        let h = try Harness(user: "demo-supervisor")
        h.press(.enter, .char("a"))
        let trail = try #require(h.front as? AuditTrailScreen)
        h.press(.escape)
        #expect(h.front == nil)
        let before = h.screen
        let event = try #require(trail.events?.first)
        h.app.dispatch(.answer(origin: trail.id, .auditTrail(.success([event, event]))))
        h.app.dispatch(.answer(origin: trail.id, .auditTrail(.failure(.refused("The audit trail could not be read (test).")))))
        h.tick()
        #expect(h.front == nil, "no screen came back for the answer")
        #expect(h.message == nil, "its words went nowhere")
        #expect(h.screen == before)
    }

    @Test func aHandoverReadArrivingAfterItsScreenClosedIsDropped() throws {
        let h = try Harness()
        h.press(.char("H"))
        let screen = try #require(h.front as? HandoverScreen)
        let data = try #require(screen.data)
        h.press(.escape)
        h.app.dispatch(.answer(origin: screen.id, .handover(screen.window, .success(data))))
        #expect(h.app.state.screens.isEmpty)
    }

    @Test func theReviewCommentEditsWithTheCursorKeysAsAnyFormField() throws {
        let liaison = try Harness(user: "demo-liaison")
        liaison.press(.enter)
        guard liaison.front is ReviewScreen else {
            Issue.record("Enter did not open the review")
            return
        }
        liaison.press(.tab)
        liaison.type("abc")
        liaison.press(.left, .left)
        liaison.type("X")
        liaison.press(.home)
        liaison.type("Z")
        liaison.press(.end, .backspace)
        let review = try #require(liaison.front as? ReviewScreen)
        #expect(review.answers().checklist[0].comment == "ZaXb")
        #expect(review.engine.focusedField?.cursor == 4)
    }

    @Test func errorsAreWordedByTheirTypeNotByTheirText() {
        struct LibraryFailure: Error, CustomStringConvertible {
            var description: String { "disk I/O failure at page 12" }
        }
        #expect(ErrorWords.describe(LibraryFailure(), doing: "save") == "Could not save. Try again; if it keeps failing, run `care check`.")
        let denied = PermissionDenied(permission: .export, role: .police)
        #expect(ErrorWords.describe(denied, doing: "save") == denied.description)
        #expect(ErrorWords.describe(CommandError.notFound(kind: .child, id: "test-child"), doing: "save") == CommandError.notFound(kind: .child, id: "test-child").description)
    }
}
