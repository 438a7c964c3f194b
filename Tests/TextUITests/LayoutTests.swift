import Testing
@testable import TextUI

@Suite("Layout splits")
struct LayoutTests {
    let screen = Rect(x: 0, y: 0, width: 120, height: 32)

    @Test("Header, body and footer: lengths first, the fill takes the rest")
    func headerBodyFooter() {
        let parts = Layout(.vertical, [.length(1), .fill(1), .length(1)]).split(screen)
        #expect(parts == [
            Rect(x: 0, y: 0, width: 120, height: 1),
            Rect(x: 0, y: 1, width: 120, height: 30),
            Rect(x: 0, y: 31, width: 120, height: 1),
        ])
    }

    @Test("Percentages are of the whole; fills share the rest by weight")
    func percentagesAndWeights() {
        let parts = Layout(.horizontal, [.percentage(30), .fill(1), .fill(2)]).split(Rect(x: 5, y: 2, width: 100, height: 10))
        #expect(parts.map(\.width) == [30, 24, 46])  // 70 shared 1:2 → 23.3 / 46.6, rounding to the first
        #expect(parts.map(\.x) == [5, 35, 59])
        #expect(parts.allSatisfy { $0.y == 2 && $0.height == 10 })
    }

    @Test("A min gets at least its value and grows when nothing else fills")
    func minimum() {
        #expect(Layout(.vertical, [.length(5), .min(10)]).split(screen).map(\.height) == [5, 27])
        #expect(Layout(.vertical, [.min(10), .fill(1)]).split(screen).map(\.height) == [10, 22])
    }

    @Test("Too small an area: earlier lengths win and nothing exceeds the area")
    func tooSmall() {
        let area = Rect(x: 0, y: 0, width: 10, height: 6)
        let parts = Layout(.vertical, [.length(4), .length(4), .min(3), .fill(1)]).split(area)
        #expect(parts.map(\.height) == [4, 2, 0, 0])
        #expect(parts.map(\.height).reduce(0, +) <= area.height)
    }

    @Test("Parts are contiguous and never exceed the area, whatever the constraints")
    func contiguous() {
        var rng = SplitMix64(seed: 7)
        let kinds: [(Int) -> Constraint] = [Constraint.length, Constraint.min, Constraint.percentage, Constraint.fill]
        for _ in 0..<500 {
            let total = Int.random(in: 0...200, using: &rng)
            let constraints = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                kinds.randomElement(using: &rng)!(Int.random(in: 0...120, using: &rng))
            }
            let parts = Layout(.horizontal, constraints).split(Rect(x: 3, y: 0, width: total, height: 1))
            #expect(parts.count == constraints.count)
            var x = 3
            for part in parts {
                #expect(part.x == x)
                x = part.right
            }
            #expect(x <= 3 + total)
            if constraints.contains(where: { if case .fill(let w) = $0 { return w > 0 } else { return false } }) {
                #expect(x == 3 + total, "\(constraints) in \(total)")
            }
        }
    }
}
