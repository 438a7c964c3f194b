import Testing
@testable import TextUI

@Suite("Rect geometry")
struct RectTests {
    let rect = Rect(x: 2, y: 3, width: 10, height: 4)

    @Test("Edges and emptiness")
    func edges() {
        #expect(rect.right == 12)
        #expect(rect.bottom == 7)
        #expect(!rect.isEmpty)
        #expect(Rect(x: 0, y: 0, width: 0, height: 5).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -3, height: 5).width == 0)
        #expect(Rect(origin: Point(x: 2, y: 3), size: Size(width: 10, height: 4)) == rect)
    }

    @Test("Inset shrinks each side and never goes negative")
    func inset() {
        #expect(rect.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 2))
        #expect(rect.inset(by: 3).height == 0)
        #expect(rect.inset(by: 3).isEmpty)
        #expect(rect.inset(by: 9).width == 0)
    }

    @Test("Intersection is the overlap, or empty")
    func intersection() {
        let other = Rect(x: 8, y: 0, width: 10, height: 5)
        #expect(rect.intersection(other) == Rect(x: 8, y: 3, width: 4, height: 2))
        #expect(other.intersection(rect) == rect.intersection(other))
        #expect(rect.intersection(Rect(x: 50, y: 50, width: 2, height: 2)).isEmpty)
    }

    @Test("Contains takes the right and bottom edges as outside")
    func contains() {
        #expect(rect.contains(Point(x: 2, y: 3)))
        #expect(rect.contains(Point(x: 11, y: 6)))
        #expect(!rect.contains(Point(x: 12, y: 6)))
        #expect(!rect.contains(Point(x: 11, y: 7)))
        #expect(!rect.contains(Point(x: 1, y: 3)))
    }

    @Test("row(i) is one line inside the rect, empty outside")
    func row() {
        #expect(rect.row(0) == Rect(x: 2, y: 3, width: 10, height: 1))
        #expect(rect.row(3) == Rect(x: 2, y: 6, width: 10, height: 1))
        #expect(rect.row(4).isEmpty)
        #expect(rect.row(-1).isEmpty)
    }
}
