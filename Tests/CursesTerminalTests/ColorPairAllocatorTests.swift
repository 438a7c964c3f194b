import Testing
import TextUI
@testable import CursesTerminal

@Suite("Colour pair allocation")
struct ColorPairAllocatorTests {
    private static let xterm256 = ColorPairAllocator.Palette(colorCount: 256, pairCount: 65536, defaultColorsAvailable: true)

    @Test("the terminal's own colours use pair 0 and define nothing")
    func defaultColorsArePairZero() {
        var allocator = ColorPairAllocator(palette: Self.xterm256)
        let allocation = allocator.allocate(foreground: .default, background: .default)
        #expect(allocation == .init(pair: 0, newDefinition: nil))
        #expect(allocator.allocatedCount == 0)
    }

    @Test("a new combination gets a new pair with its definition, once")
    func newCombinationIsDefinedOnce() {
        var allocator = ColorPairAllocator(palette: Self.xterm256)
        let first = allocator.allocate(foreground: .ansi(1), background: .default)
        #expect(first == .init(pair: 1, newDefinition: .init(foreground: 1, background: -1)))
        let again = allocator.allocate(foreground: .ansi(1), background: .default)
        #expect(again == .init(pair: 1, newDefinition: nil))
        let other = allocator.allocate(foreground: .default, background: .indexed(236))
        #expect(other == .init(pair: 2, newDefinition: .init(foreground: -1, background: 236)))
    }

    @Test("colours that degrade to the same numbers share a pair")
    func degradedColorsShareAPair() {
        var allocator = ColorPairAllocator(palette: Self.xterm256)
        let indexed = allocator.allocate(foreground: .indexed(9), background: .default)
        let ansi = allocator.allocate(foreground: .ansi(9), background: .default)
        #expect(indexed.pair == ansi.pair)
        #expect(allocator.allocatedCount == 1)
    }

    @Test("true colour becomes a 256-palette index")
    func rgbBecomesIndexed() {
        var allocator = ColorPairAllocator(palette: Self.xterm256)
        let allocation = allocator.allocate(foreground: .rgb(255, 0, 0), background: .default)
        #expect(allocation.newDefinition == .init(foreground: 196, background: -1))
    }

    @Test("without colours everything is pair 0")
    func monochromeUsesPairZero() {
        var allocator = ColorPairAllocator(palette: .init(colorCount: 0, pairCount: 0, defaultColorsAvailable: false))
        #expect(allocator.allocate(foreground: .ansi(1), background: .ansi(4)) == .init(pair: 0, newDefinition: nil))
        #expect(allocator.allocate(foreground: .rgb(1, 2, 3), background: .default) == .init(pair: 0, newDefinition: nil))
        #expect(allocator.allocatedCount == 0)
    }

    @Test("an 8-colour terminal shows bright colours as their normal ones")
    func eightColorTerminalFoldsBrightColors() {
        var allocator = ColorPairAllocator(palette: .init(colorCount: 8, pairCount: 64, defaultColorsAvailable: true))
        #expect(allocator.allocate(foreground: .ansi(9), background: .ansi(12)).newDefinition == .init(foreground: 1, background: 4))
        let fromPalette = allocator.allocate(foreground: .indexed(196), background: .default).newDefinition
        #expect(fromPalette.map { (0..<8).contains($0.foreground) } == true)
    }

    @Test("without default colours, default means white on black")
    func noDefaultColors() {
        var allocator = ColorPairAllocator(palette: .init(colorCount: 8, pairCount: 64, defaultColorsAvailable: false))
        #expect(allocator.allocate(foreground: .default, background: .default) == .init(pair: 0, newDefinition: nil))
        #expect(allocator.allocate(foreground: .ansi(1), background: .default).newDefinition == .init(foreground: 1, background: 0))
        #expect(allocator.allocate(foreground: .default, background: .ansi(4)).newDefinition == .init(foreground: 7, background: 4))
    }

    @Test("when the pairs run out, new combinations fall back to pair 0 and old ones keep theirs")
    func exhaustionFallsBackToPairZero() {
        var allocator = ColorPairAllocator(palette: .init(colorCount: 256, pairCount: 3, defaultColorsAvailable: true))
        #expect(allocator.allocate(foreground: .ansi(1), background: .default).pair == 1)
        #expect(allocator.allocate(foreground: .ansi(2), background: .default).pair == 2)
        #expect(allocator.allocate(foreground: .ansi(3), background: .default) == .init(pair: 0, newDefinition: nil))
        #expect(allocator.allocate(foreground: .ansi(1), background: .default) == .init(pair: 1, newDefinition: nil))
    }

    @Test("pair numbers stay within a C short however many pairs the terminal reports")
    func pairNumbersFitInAShort() {
        var allocator = ColorPairAllocator(palette: Self.xterm256)
        var highest: Int16 = 0
        for foreground in 0...255 {
            for background in 0...255 {
                highest = max(highest, allocator.allocate(foreground: .indexed(UInt8(foreground)), background: .indexed(UInt8(background))).pair)
            }
        }
        #expect(highest == Int16.max - 1)
        #expect(allocator.allocatedCount == Int(Int16.max) - 1)
    }
}
