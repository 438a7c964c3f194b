import CareTransfer
import Foundation
import Testing

/// CSV as spreadsheets write it, read through CSV.swift.
@Suite struct CSVTableTests {
    @Test func quotedCellsByteOrderMarkAndEmptyRowsKeepTheirSpreadsheetRowNumbers() throws {
        let text = "\u{FEFF}legal_name,placement\r\n\"Example, Sample (synthetic)\",\"Demo \"\"Group\"\" Home\nsecond line\"\r\n\r\nAnother Sample,\r\n"
        let table = try CSVTable.parse(Data(text.utf8))
        #expect(table.header == ["legal_name", "placement"])
        #expect(table.rows == [["Example, Sample (synthetic)", "Demo \"Group\" Home\nsecond line"], ["Another Sample", ""]])
        #expect(table.rowNumbers == [2, 4])
    }

    @Test func writtenCSVReadsBackToTheSameCells() throws {
        let rows = [["a, b", "say \"hi\""], ["line\nbreak", ""]]
        let text = try CSVTable.text(header: ["one", "two"], rows: rows)
        let table = try CSVTable.parse(Data(text.utf8))
        #expect(table.header == ["one", "two"])
        #expect(table.rows == rows)
    }

    @Test func textThatIsNotUTF8IsAProblemInWords() {
        let thrown = #expect(throws: ImportProblems.self) { _ = try CSVTable.parse(Data([0x6C, 0x65, 0xFF, 0xFE, 0x0A])) }
        #expect(thrown?.description.contains("expected UTF-8 text") == true)
    }
}
