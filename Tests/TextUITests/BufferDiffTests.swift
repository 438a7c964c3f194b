import Testing
@testable import TextUI

@Suite("Diffing frames")
struct BufferDiffTests {
    let size = Size(width: 20, height: 5)

    func list(selected: Int) -> Buffer {
        var buffer = Buffer(size: size)
        for (row, name) in ["Tess Testcase", "Jordan Sample", "Ava Example"].enumerated() {
            buffer.write(name, at: Point(x: 0, y: row), width: size.width, style: .plain, pad: true)
        }
        buffer.patchStyle(buffer.area.row(selected)) { $0.attributes.insert(.reverse) }
        return buffer
    }

    @Test("An identical frame changes nothing")
    func identical() {
        #expect(list(selected: 0).diff(from: list(selected: 0)).isEmpty)
    }

    @Test("Moving a reverse-video selection one row changes exactly two rows of cells")
    func selectionMove() {
        let changes = list(selected: 1).diff(from: list(selected: 0))
        #expect(changes.count == 2 * size.width)
        #expect(Set(changes.map(\.y)) == [0, 1])
        #expect(changes.filter { $0.y == 1 }.allSatisfy { $0.cell.style.attributes.contains(.reverse) })
    }

    @Test("Changes come in row-major order with the new cells")
    func order() {
        var next = list(selected: 0)
        next.write("X", at: Point(x: 5, y: 2), style: .plain)
        next.write("Y", at: Point(x: 1, y: 0), style: .plain)
        let changes = next.diff(from: list(selected: 0))
        #expect(changes == [CellChange(x: 1, y: 0, cell: Cell("Y")), CellChange(x: 5, y: 2, cell: Cell("X"))])
    }

    @Test("A different size reports every cell")
    func sizeChange() {
        let small = Buffer(size: Size(width: 3, height: 2))
        #expect(small.diff(from: list(selected: 0)).count == 6)
    }

    @Test("A changed wide character is reported with its continuation")
    func wide() {
        var before = Buffer(size: size)
        before.write("漢", at: Point(x: 4, y: 0), style: .plain)
        var after = before
        after.patchStyle(Rect(x: 4, y: 0, width: 1, height: 1)) { $0.attributes.insert(.bold) }
        let changes = after.diff(from: before)
        #expect(changes.map(\.x) == [4, 5])
        #expect(changes[1].cell.isContinuation)

        var replaced = Buffer(size: size)
        replaced.write("字", at: Point(x: 4, y: 0), style: .plain)
        #expect(replaced.diff(from: before).map(\.x) == [4, 5])
    }

    @Test("Applying the diff to the old frame gives the new one")
    func applyingGivesNext() {
        var rng = SplitMix64(seed: 99)
        let words = ["Tess", "漢字", "🍁", "Métis", "ᐊᓂᔑ", "x", "👩‍👩‍👧"]
        var previous = Buffer(size: size)
        for _ in 0..<200 {
            var next = previous
            for _ in 0..<3 {
                let word = words.randomElement(using: &rng)!
                next.write(word, at: Point(x: Int.random(in: -2..<size.width, using: &rng), y: Int.random(in: 0..<size.height, using: &rng)),
                           style: Style(foreground: .ansi(UInt8.random(in: 0..<8, using: &rng))))
            }
            var replay = previous
            for change in next.diff(from: previous) { replay[change.x, change.y] = change.cell }
            #expect(replay == next)
            previous = next
        }
    }
}
