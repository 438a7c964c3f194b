import CareDomain
import CareStore
import CareTransfer
import Foundation
import Testing

/// `care import` of a unit's spreadsheet: every row checked, all or nothing, problems named by
/// row and column, text sanitized.
@Suite struct ImportTests {
    static let header = "case_number,legal_name,preferred_name,date_of_birth,estimated_age,indigenous_identity,community,languages,"
        + "risk_level,exploitation_status,opened_on,child_protection_account"

    /// 500 synthetic children; the row numbered `badRow` (the header is row 1) gets `badBirth`
    /// as its date of birth.
    static func spreadsheet(badRow: Int? = nil, badBirth: String = "2011-02-30") -> String {
        var lines = [header]
        for n in 1...500 {
            let row = n + 1
            let birth = row == badRow ? badBirth : String(format: "2011-%02d-%02d", n % 12 + 1, n % 28 + 1)
            let identity = n % 3 == 0 ? "\"First Nations; Métis\",\"Sample Lake (fictional); Example Settlement (fictional)\"" : "not Indigenous,"
            lines.append("TST-2025-\(String(format: "%04d", n)),Sample Child \(n) (synthetic),,\(birth),,\(identity),\"English; Cree\","
                + "\(["low", "medium", "high", "critical"][n % 4]),at risk,2025-03-01,cp.transfer")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func children(_ unit: TransferStore) throws -> [ChildSummary] {
        try unit.store.loadCaseload().children
    }

    @Test func aFileWithOneBadRowImportsNothingAndNamesTheRowAndColumn() throws {
        let unit = try TransferStore()
        let table = try CSVTable.parse(Data(Self.spreadsheet(badRow: 338).utf8))
        #expect(table.rows.count == 500)
        let events = try unit.store.audit().count
        let thrown = #expect(throws: ImportProblems.self) {
            _ = try ImportFile.records(.csv(table), unit: unit.store.unit, accounts: try unit.store.listAccounts())
        }
        let error = try #require(thrown)
        #expect(error.problems == [ImportProblem(row: 338, column: "date_of_birth", expected: "a date as YYYY-MM-DD (like 2011-04-03)")])
        #expect(error.description.contains("Row 338, column date_of_birth: expected a date as YYYY-MM-DD"))
        // The value itself (a child's date of birth) is not repeated in the words.
        #expect(!error.description.contains("2011-02-30"))
        #expect(try children(unit).isEmpty)
        #expect(try unit.store.audit().count == events)
    }

    @Test func theCorrectedFileImportsAll500InOneAuditedTransaction() throws {
        let unit = try TransferStore()
        let table = try CSVTable.parse(Data(Self.spreadsheet().utf8))
        let records = try ImportFile.records(.csv(table), unit: unit.store.unit, accounts: try unit.store.listAccounts())
        let outcome = try unit.store.importUnitRecords(records, summary: "imported spreadsheet.csv")
        #expect(outcome.added == [.child: 500])
        let imported = try children(unit)
        #expect(imported.count == 500)
        #expect(Set(imported.map(\.caseNumber.description)).count == 500)
        let cp = try unit.worker(TransferStore.protection)
        let detail = try unit.store.loadDetail(of: try #require(imported.first { $0.caseNumber.description == "TST-2025-0003" }).id, contactLimit: 1)
        #expect(detail.child.legalName == "Sample Child 3 (synthetic)")
        #expect(detail.child.birth == .exact(DayDate(year: 2011, month: 4, day: 4)))
        #expect(detail.child.indigenousIdentity.affiliations.map(\.group) == [.firstNations, .metis])
        #expect(detail.child.indigenousIdentity.affiliations.map(\.community) == ["Sample Lake (fictional)", "Example Settlement (fictional)"])
        #expect(detail.child.languages == ["English", "Cree"])
        #expect(detail.child.team.childProtection == cp)
        let event = try #require(try unit.store.audit().last { $0.action == .create })
        #expect(event.summary.contains("imported spreadsheet.csv: 500 records (500 child)"))
    }

    @Test func everyBadCellOfARowIsNamedWithWhatWasExpected() throws {
        let unit = try TransferStore()
        let csv = """
            legal_name,date_of_birth,risk_level,opened_on,care_status,child_protection_account,case_number
            Sample Child A (synthetic),2012-01-01,severe,2026-13-01,in care,police.transfer,KEN-2026-0001
            ,2012-01-01,low,2026-01-01,,,
            """
        let thrown = #expect(throws: ImportProblems.self) {
            _ = try ImportFile.records(.csv(try CSVTable.parse(Data(csv.utf8))), unit: "TST", accounts: try unit.store.listAccounts())
        }
        let error = try #require(thrown)
        let named = error.problems.map { "\($0.row ?? 0) \($0.column ?? "")" }
        #expect(named == ["2 case_number", "2 opened_on", "2 care_status", "2 risk_level", "2 child_protection_account", "3 legal_name"])
        let risk = try #require(error.problems.first { $0.column == "risk_level" })
        #expect(risk.expected == "one of \"low\", \"medium\", \"high\", \"critical\"")
    }

    @Test func aColumnCareDoesNotReadOrARequiredColumnMissingIsNamedFromTheHeader() throws {
        let csv = "legal_name,birthday,opened_on\nSample Child (synthetic),2012-01-01,2026-01-01\n"
        let thrown = #expect(throws: ImportProblems.self) {
            _ = try ImportFile.records(.csv(try CSVTable.parse(Data(csv.utf8))), unit: "TST", accounts: [])
        }
        let named = try #require(thrown).problems.map { "\($0.row ?? 0) \($0.column ?? "")" }
        #expect(named == ["1 birthday", "1 risk_level", "1 date_of_birth"])
    }

    @Test func hostileTextIsSanitizedBeforeItIsStored() throws {
        let unit = try TransferStore()
        let csv = "legal_name,preferred_name,date_of_birth,risk_level,opened_on\n"
            + "\"Sample\u{1B}[31m Child\u{202E}(synthetic)\",\"Tess\u{200B}\u{07}\",2012-01-01,high,2026-01-01\n"
        let records = try ImportFile.records(.csv(try CSVTable.parse(Data(csv.utf8))), unit: "TST", accounts: [])
        _ = try unit.store.importUnitRecords(records, summary: "imported hostile.csv")
        let child = try #require(try children(unit).first)
        #expect(child.legalName == "Sample[31m Child(synthetic)")
        #expect(child.preferredName == "Tess")
        // Numbered by the store: the next number of the unit for the year the case opened.
        #expect(child.caseNumber.description == "TST-2026-0001")
    }

    @Test func theStoreRefusesTheWholeFileForOneRecordItCannotTake() throws {
        let unit = try TransferStore()
        let child = Child(caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: 7), legalName: "Sample Child (synthetic)",
                          birth: .exact(DayDate(year: 2012, month: 1, day: 1)), openedOn: DayDate(year: 2026, month: 1, day: 1))
        let orphan = Contact(child: ChildID(rawValue: "not-in-the-file"), occurredAt: Date(), author: try unit.worker(TransferStore.protection),
                             kind: .phone, summary: "synthetic note")
        let events = try unit.store.audit().count
        let thrown = #expect(throws: ImportRefusal.self) {
            _ = try unit.store.importUnitRecords([.child(child), .contact(orphan)], summary: "imported bad.json")
        }
        let refusal = try #require(thrown)
        #expect(refusal.problems == [
            "Contact note \(orphan.id.rawValue) is about child not-in-the-file, who is neither in the file nor in the store.",
        ])
        #expect(try children(unit).isEmpty)
        #expect(try unit.store.audit().count == events)
    }

    @Test func aDryRunChecksAgainstTheStoreAndWritesNothing() throws {
        let unit = try TransferStore()
        let records = try ImportFile.records(.csv(try CSVTable.parse(Data(Self.spreadsheet().utf8))), unit: "TST",
                                             accounts: try unit.store.listAccounts())
        let events = try unit.store.audit().count
        let outcome = try unit.store.importUnitRecords(records, summary: "imported spreadsheet.csv", dryRun: true)
        #expect(outcome.added == [.child: 500])
        #expect(try children(unit).isEmpty)
        #expect(try unit.store.audit().count == events)
        // A second import of the same case numbers is refused, naming the number.
        _ = try unit.store.importUnitRecords(records, summary: "imported spreadsheet.csv")
        let again = try ImportFile.records(.csv(try CSVTable.parse(Data(Self.spreadsheet().utf8))), unit: "TST",
                                           accounts: try unit.store.listAccounts())
        let thrown = #expect(throws: ImportRefusal.self) {
            _ = try unit.store.importUnitRecords(again, summary: "imported spreadsheet.csv again", dryRun: true)
        }
        let refusal = try #require(thrown)
        #expect(refusal.problems.count == 500)
        #expect(refusal.problems.first?.contains("has case number TST-2025-0001, which child") == true)
    }

    @Test func theSampleFileInTheDocsImports() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("docs/examples/children.csv"))
        let unit = try TransferStore(unit: "KEN")
        let records = try ImportFile.records(.csv(try CSVTable.parse(data)), unit: "KEN", accounts: try unit.store.listAccounts())
        let outcome = try unit.store.importUnitRecords(records, summary: "imported children.csv")
        #expect(outcome.added == [.child: 4])
        #expect(outcome.numbered == 2)
        let children = try unit.store.loadCaseload().children
        #expect(children.map(\.caseNumber.description).sorted() == ["KEN-2025-0001", "KEN-2026-0101", "KEN-2026-0103", "KEN-2026-0104"])
        #expect(children.contains { $0.legalName == "Example, Youth Three (synthetic)" })
    }
}
