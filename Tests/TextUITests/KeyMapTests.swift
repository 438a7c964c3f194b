import Testing
@testable import TextUI

@Suite("Key maps")
struct KeyMapTests {
    enum Action: Hashable, Sendable { case up, down, quit, help, redraw }

    let defaults = KeyMap<Action>([
        KeyBinding(keys: [.up, .char("k")], action: .up, help: "move up"),
        KeyBinding(keys: [.down, .char("j")], action: .down, help: "move down"),
        KeyBinding(.char("q"), action: .quit, help: "quit"),
        KeyBinding(.char("?"), action: .help, help: "help"),
    ])

    @Test("Keys find their action; unbound keys find none")
    func lookup() {
        #expect(defaults.action(for: .char("j")) == .down)
        #expect(defaults.action(for: .up) == .up)
        #expect(defaults.action(for: .char("x")) == nil)
        #expect(defaults.keys(for: .down) == [.down, .char("j")])
        #expect(defaults.keys(for: .redraw).isEmpty)
    }

    @Test("No conflicts in a clean map; a key bound twice is reported with both actions")
    func conflicts() {
        #expect(defaults.conflicts().isEmpty)
        var map = defaults
        map.bindings.append(KeyBinding(.char("q"), .char("k"), action: .redraw, help: "redraw"))
        let found = map.conflicts()
        #expect(found.map(\.0) == [.char("k"), .char("q")])
        #expect(found.map(\.1) == [[.up, .redraw], [.quit, .redraw]])
        #expect(map.action(for: .char("q")) == .quit)  // the first binding wins
    }

    @Test("Override rebinds an action, keeps its help, and frees its old keys")
    func override() {
        var map = defaults
        map.override(.quit, keys: [.ctrl("q")])
        #expect(map.action(for: .ctrl("q")) == .quit)
        #expect(map.action(for: .char("q")) == nil)
        #expect(map.bindings.first { $0.action == .quit }?.help == "quit")

        map.override(.redraw, keys: [.ctrl("l")])
        #expect(map.action(for: .ctrl("l")) == .redraw)

        map.override(.help, keys: [.char("j")])
        #expect(map.conflicts().map(\.0) == [.char("j")])
    }
}
