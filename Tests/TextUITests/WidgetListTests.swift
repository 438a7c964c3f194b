import Testing
import TextUI

/// Lists and tables: the selection stays in view, and only visible rows are asked for.
@Suite struct WidgetListTests {
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

    @Test func listAsksOnlyForVisibleRows() {
        final class Asked { var rows: [Int] = [] }
        let asked = Asked()
        let list = ListView(count: 10_000, scroll: ListScroll(selection: 5_000, offset: 4_998)) { index in
            asked.rows.append(index)
            return ListRow("Test Child \(index)")
        }
        var buffer = Buffer(size: Size(width: 30, height: 6))
        list.render(in: Rect(x: 0, y: 1, width: 30, height: 4), buffer: &buffer, theme: .monochrome)
        #expect(asked.rows == [4998, 4999, 5000, 5001])
        #expect(buffer.lines()[0] == "")
        #expect(buffer.lines()[1] == " Test Child 4998")
        #expect(buffer.lines()[3] == "▶Test Child 5000")
        #expect(buffer.lines()[5] == "")
        #expect(buffer[3, 3].style.attributes.contains(.reverse))
        #expect(!buffer[3, 2].style.attributes.contains(.reverse))
    }

    @Test func tableLaysOutColumnsAndKeepsSelectedRowVisible() {
        let rows = (0..<50).map { [TableCell("Tess \($0)"), TableCell("\($0)", role: .riskHigh)] }
        let table = TableView(
            columns: [TableColumn("Name", width: .length(8)), TableColumn("Age", width: .fill(1), alignment: .trailing)],
            rows: rows, scroll: ListScroll(selection: 40, offset: 0))
        var buffer = Buffer(size: Size(width: 16, height: 4))
        table.render(in: buffer.area, buffer: &buffer, theme: .default)
        let lines = buffer.lines()
        #expect(lines[0] == " Name        Age")
        #expect(lines[3] == "▶Tess 40      40")
        #expect(lines[1] == " Tess 38      38")
        #expect(buffer[15, 3].style.foreground == Theme.default[.riskHigh].foreground)
        #expect(buffer[15, 3].style.background == Theme.default[.selected].background)
    }
}
