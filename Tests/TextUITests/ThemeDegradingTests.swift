import Testing
import TextUI

/// A theme shown on a terminal with fewer colours.
@Suite struct ThemeDegradingTests {
    private let orange = Theme(name: "t", styles: [.riskHigh: Style(foreground: .rgb(0xE6, 0x9F, 0x00), attributes: .bold)])

    @Test func hexColourDegradesTo256() {
        let style = orange.degraded(to: .indexed256)[.riskHigh]
        guard case .indexed(let index) = style.foreground else {
            Issue.record("expected a 256-colour index, got \(style.foreground)")
            return
        }
        // Nearest cube levels: e6→215 (level 4), 9f→175 (level 3), 00→0: 16 + 36·4 + 6·3 = 178 (#d7af00).
        #expect(index == 178)
        #expect(style.attributes == .bold)
    }

    @Test func hexColourDegradesTo16() {
        let style = orange.degraded(to: .ansi16)[.riskHigh]
        #expect(style.foreground == .ansi(3))  // yellow is the nearest ANSI colour to an orange
    }

    @Test func eightColoursIsItsOwnDepth() {
        #expect(ColorCapability(colorCount: 8) == .ansi8)
        #expect(ColorCapability(colorCount: 16) == .ansi16)
        #expect(ColorCapability(colorCount: 88) == .ansi16)
        #expect(ColorCapability(colorCount: 256) == .indexed256)
        // Bright colours do not exist there: the nearest of the eight, never black for a grey.
        #expect(Color.ansi(9).degraded(to: .ansi8) == .ansi(1))
        #expect(Color.ansi(8).degraded(to: .ansi8) == .ansi(7))
        #expect(Color.rgb(0x8A, 0x8A, 0x8A).degraded(to: .ansi8) == .ansi(7))
    }

    @Test func aStyleLaidOnAnotherGroundKeepsItsColourOnlyWhereItReads() {
        let whiteOnRed = Style(foreground: .ansi(7), background: .ansi(1), attributes: .bold)
        let onCyan = whiteOnRed.laid(on: .ansi(6), fallback: .ansi(0))
        #expect(onCyan == Style(foreground: .ansi(0), background: .ansi(6), attributes: .bold), "white does not read on cyan")
        let onBlue = whiteOnRed.laid(on: .ansi(4), fallback: .ansi(0))
        #expect(onBlue == Style(foreground: .ansi(7), background: .ansi(4), attributes: .bold))
        #expect(Style().laid(on: .ansi(6), fallback: .ansi(0)) == Style(background: .ansi(6)), "the terminal's own colour is left to it")
    }

    @Test func trueColourKeepsHex() {
        #expect(orange.degraded(to: .trueColor)[.riskHigh].foreground == .rgb(0xE6, 0x9F, 0x00))
    }

    @Test func noColourKeepsAttributesAndAddsMonochromeOnes() {
        let plain = Theme.default.degraded(to: .none)
        for role in ThemeRole.allCases {
            #expect(plain[role].foreground == .default && plain[role].background == .default, "\(role.rawValue)")
            #expect(plain[role].attributes.isSuperset(of: Theme.default[role].attributes), "\(role.rawValue)")
        }
        // The default selection is a background colour; without colour it must still show.
        #expect(plain[.selected].attributes.contains(.reverse))
        #expect(plain[.muted].attributes.contains(.dim))
    }
}
