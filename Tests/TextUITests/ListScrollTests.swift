import Testing
import TextUI

/// List scrolling: the selection stays in view, and the view moves only as far as it must.
@Suite struct ListScrollTests {
    @Test func pagingKeepsSelectionInView() {
        var scroll = ListScroll()
        let rows = 10, count = 95
        for _ in 0..<20 {
            scroll.apply(.pageDown, visibleRows: rows, count: count)
            #expect(scroll.offset <= scroll.selection && scroll.selection < scroll.offset + rows)
            #expect(scroll.offset + rows <= count)
        }
        #expect(scroll.selection == count - 1)
        scroll.apply(.pageUp, visibleRows: rows, count: count)
        #expect(scroll.selection == count - 1 - (rows - 1))
        #expect(scroll.offset <= scroll.selection && scroll.selection < scroll.offset + rows)
        scroll.apply(.home, visibleRows: rows, count: count)
        #expect(scroll == ListScroll(selection: 0, offset: 0))
        scroll.apply(.end, visibleRows: rows, count: count)
        #expect(scroll == ListScroll(selection: 94, offset: 85))
    }

    @Test func followScrollsOnlyAsFarAsNeeded() {
        var scroll = ListScroll(selection: 3, offset: 0)
        scroll.follow(selection: 5, visibleRows: 5, count: 20)
        #expect(scroll.offset == 1)
        scroll.follow(selection: 3, visibleRows: 5, count: 20)
        #expect(scroll.offset == 1)
        scroll.follow(selection: 0, visibleRows: 5, count: 20)
        #expect(scroll.offset == 0)
        scroll.follow(selection: 50, visibleRows: 5, count: 20)
        #expect(scroll.selection == 19 && scroll.offset == 15)
        scroll.follow(selection: 2, visibleRows: 5, count: 0)
        #expect(scroll == ListScroll())
    }
}
