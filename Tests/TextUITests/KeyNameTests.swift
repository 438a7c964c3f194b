import Testing
@testable import TextUI

@Suite("Key names for help and config")
struct KeyNameTests {
    static let everyKind: [Key] = [
        .char("q"), .char("Q"), .char("?"), .char("/"), .char(" "), .char("1"), .char("é"), .char("-"),
        .ctrl("l"), .ctrl("x"), .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .function(1), .function(12), .tab, .backTab, .enter, .escape, .backspace, .delete, .insert,
        .alt("b"), .alt("B"), .alt("f"), .alt(" "), .alt("é"), .alt("."), .ctrlLeft, .ctrlRight,
    ]

    @Test("Display names are short and familiar")
    func displayNames() {
        #expect(Key.up.displayName == "↑")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.tab.displayName == "Tab")
        #expect(Key.backTab.displayName == "S-Tab")
        #expect(Key.enter.displayName == "Enter")
        #expect(Key.escape.displayName == "Esc")
        #expect(Key.ctrl("l").displayName == "Ctrl-L")
        #expect(Key.function(1).displayName == "F1")
        #expect(Key.char("q").displayName == "q")
        #expect(Key.char(" ").displayName == "Space")
        #expect(Key.char("\u{1B}").displayName == "U+001B")
        #expect(Key.alt("b").displayName == "Alt-b")
        #expect(Key.alt("B").displayName == "Alt-B")
        #expect(Key.alt(" ").displayName == "Alt-Space")
        #expect(Key.ctrlLeft.displayName == "Ctrl-←")
        #expect(Key.ctrlRight.displayName == "Ctrl-→")
    }

    @Test("Config names parse, case-insensitively for special keys")
    func parsing() {
        #expect(Key(name: "ctrl-l") == .ctrl("l"))
        #expect(Key(name: "C-l") == .ctrl("l"))
        #expect(Key(name: "Ctrl-L") == .ctrl("l"))
        #expect(Key(name: "^x") == .ctrl("x"))
        #expect(Key(name: "pgdn") == .pageDown)
        #expect(Key(name: "PageUp") == .pageUp)
        #expect(Key(name: "shift-tab") == .backTab)
        #expect(Key(name: "f5") == .function(5))
        #expect(Key(name: "enter") == .enter)
        #expect(Key(name: "esc") == .escape)
        #expect(Key(name: "space") == .char(" "))
        #expect(Key(name: "up") == .up)
        #expect(Key(name: "q") == .char("q"))
        #expect(Key(name: "G") == .char("G"))
        #expect(Key(name: "shift-g") == .char("G"))
        #expect(Key(name: "?") == .char("?"))
        #expect(Key(name: " tab ") == .tab)
    }

    @Test("Alt, Meta and Ctrl-arrow names parse; the character after Alt keeps its case")
    func parsingAltAndWordKeys() {
        #expect(Key(name: "alt-b") == .alt("b"))
        #expect(Key(name: "Alt-b") == .alt("b"))
        #expect(Key(name: "ALT+f") == .alt("f"))
        #expect(Key(name: "M-b") == .alt("b"))
        #expect(Key(name: "m-d") == .alt("d"))
        #expect(Key(name: "meta-b") == .alt("b"))
        #expect(Key(name: "alt-B") == .alt("B"))
        #expect(Key(name: "alt-space") == .alt(" "))
        #expect(Key(name: "ctrl-left") == .ctrlLeft)
        #expect(Key(name: "C-Left") == .ctrlLeft)
        #expect(Key(name: "c-right") == .ctrlRight)
        #expect(Key(name: "Ctrl-→") == .ctrlRight)
        // "C-l" is still Ctrl-L, not a prefix of "C-left".
        #expect(Key(name: "C-l") == .ctrl("l"))
    }

    @Test("Nonsense names are refused")
    func refused() {
        for name in ["", "ctrl-", "ctrl-ll", "ctrl-1", "f0", "f99", "hyper-q", "qq", "pg dn",
                     "alt-", "alt-bb", "alt-up", "alt-ctrl-b", "M-", "ctrl-up", "c-lef"] {
            #expect(Key(name: name) == nil, "\(name)")
        }
    }

    @Test("Every display name parses back to its key", arguments: everyKind)
    func roundTrip(key: Key) {
        #expect(Key(name: key.displayName) == key)
    }
}
