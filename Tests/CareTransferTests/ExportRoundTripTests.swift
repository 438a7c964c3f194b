import CareDomain
import CareStore
import CareTransfer
import Foundation
import Testing

/// `care export` then `care import` into another store gives back equal records; a sealed export
/// opens only with its passphrase.
@Suite struct ExportRoundTripTests {
    /// The report unit's records (children, episodes, referrals, services, contacts) in a store.
    static func filled() throws -> TransferStore {
        let unit = try TransferStore()
        let author = try unit.worker(TransferStore.protection)
        var records: [AnyRecord] = ReportUnit.children.map(AnyRecord.child) + ReportUnit.episodes.map(AnyRecord.missingEpisode)
            + ReportUnit.services.map(AnyRecord.service) + ReportUnit.referrals.map(AnyRecord.referral)
        records += ReportUnit.contacts.enumerated().map { n, stamp in
            .contact(Contact(id: ContactID(rawValue: "k\(n)"), child: stamp.child, occurredAt: stamp.at, author: author, kind: .inPerson,
                             location: "Sample office (fictional)", summary: "Synthetic note \(n)\nsecond line", visibility: n % 3 == 0 ? .restricted : .team))
        }
        _ = try unit.store.importUnitRecords(records, summary: "loaded the report unit")
        return unit
    }

    @Test func aJSONExportImportsIntoAnotherStoreAsEqualRecords() throws {
        let source = try Self.filled()
        let exported = try source.store.unitRecords(auditing: "exported for a test")
        #expect(exported.damaged.isEmpty)
        let data = try ExportFile.contents(of: exported, format: .json, at: Date())
        let file = source.file("unit.json")
        try ExportFile.write(data, to: file)
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let target = try TransferStore()
        let (contents, sealed) = try ImportFile.read(path: file) { Issue.record("a plain export asks for no passphrase"); return "" }
        #expect(!sealed)
        let records = try ImportFile.records(contents, unit: target.store.unit, accounts: try target.store.listAccounts())
        let outcome = try target.store.importUnitRecords(records, summary: "imported unit.json")
        // The target's own catalogue and checklist stay; its accounts are its own.
        #expect(outcome.added[.child] == ReportUnit.children.count)
        #expect(outcome.added[.contact] == ReportUnit.contacts.count)

        let back = try target.store.unitRecords(auditing: "exported for a test").records
        let byRef = Dictionary(back.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        let original = exported.records.filter { $0.kind != .worker && $0.kind != .reviewChecklist }
        #expect(original.count > 40)
        for record in original {
            #expect(byRef[record.ref] == record, "\(record.kind.rawValue) \(record.recordID)")
        }
    }

    @Test func aCSVExportImportsBackToTheSameCSV() throws {
        let source = try Self.filled()
        var children = try source.store.unitRecords([.child], auditing: "test").all(Child.self)
        // Give the children team members by account, as a unit's spreadsheet would.
        let cp = try source.worker(TransferStore.protection)
        children = children.map { var child = $0; child.team = Team(childProtection: cp); return child }
        // Phone numbers as people write them (synthetic 555-01xx), kept as typed both ways.
        children[0].phones = ["(555) 010-0199", "555.010.0198"]
        let workers = try source.store.unitRecords([.worker], auditing: "test").all(Worker.self)
        let table = ChildColumns.rows(of: children, workers: workers)
        let text = try CSVTable.text(header: table.header, rows: table.rows)

        let target = try TransferStore(unit: "RPT")
        let records = try ImportFile.records(.csv(try CSVTable.parse(Data(text.utf8))), unit: "RPT", accounts: try target.store.listAccounts())
        _ = try target.store.importUnitRecords(records, summary: "imported unit.csv")
        let again = try target.store.unitRecords(ExportFile.kinds(for: .csv), auditing: "test")
        let exportedAgain = String(decoding: try ExportFile.contents(of: again, format: .csv, at: Date()), as: UTF8.self)
        #expect(exportedAgain == text)
        #expect(text.contains("(555) 010-0199; 555.010.0198"))
        #expect(exportedAgain.split(separator: "\n").count == ReportUnit.children.count + 1)
    }

    @Test func anExportIsAudited() throws {
        let source = try Self.filled()
        _ = try source.store.unitRecords(auditing: "exported the unit's records to unit.json (json)")
        let last = try #require(try source.store.audit().last)
        #expect(last.action == .export)
        #expect(last.summary == "exported the unit's records to unit.json (json)")
    }

    @Test func anotherRoleCannotExport() throws {
        let source = try Self.filled()
        let police = try source.open(TransferStore.police)
        defer { try? police.close() }
        #expect(throws: (any Error).self) { _ = try police.unitRecords(auditing: "test") }
    }

    @Test func aSealedExportOpensOnlyWithItsPassphraseAndRoundTrips() throws {
        let source = try Self.filled()
        let plain = try ExportFile.contents(of: try source.store.unitRecords(auditing: "test"), format: .json, at: Date())
        let sealed = try SealedFile.seal(plain, content: "json", passphrase: "synthetic export passphrase", cost: .testOnly).encoded()
        // Nothing of the records is readable in the sealed file.
        for canary in ["Report Testchild", "Synthetic note", "Sample bus depot", "RPT-2026", "\"child\""] {
            #expect(sealed.range(of: Data(canary.utf8)) == nil, "\(canary)")
        }
        let file = source.file("unit.sealed")
        try ExportFile.write(sealed, to: file)

        #expect(throws: SealedFileError.wrongPassphrase) {
            _ = try ImportFile.read(path: file) { "not the export passphrase" }
        }
        var asked = 0
        let (contents, wasSealed) = try ImportFile.read(path: file) { asked += 1; return "synthetic export passphrase" }
        #expect(wasSealed && asked == 1)
        let target = try TransferStore()
        _ = try target.store.importUnitRecords(
            try ImportFile.records(contents, unit: "TST", accounts: []), summary: "imported unit.sealed")
        #expect(try target.store.loadCaseload().children.count == ReportUnit.children.count)
    }

    @Test func aSealedFileWhoseCostWasLoweredDoesNotOpen() throws {
        var file = try SealedFile.seal(Data("synthetic".utf8), content: "json", passphrase: "synthetic export passphrase", cost: .testOnly)
        file.n /= 2
        #expect(throws: SealedFileError.wrongPassphrase) { _ = try file.open(passphrase: "synthetic export passphrase") }
        #expect(throws: SealedFileError.passphraseTooShort) {
            _ = try SealedFile.seal(Data(), content: "json", passphrase: "short", cost: .testOnly)
        }
    }

    @Test func hostileTextInAJSONExportIsSanitizedOnTheWayOutAndOnTheWayIn() throws {
        let hostile = "Sample\u{1B}]52;c;U3ludGhldGlj\u{07} Child\u{202E}(synthetic)\u{200B}"
        let child = Child(caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: 9), legalName: hostile,
                          birth: .exact(DayDate(year: 2012, month: 1, day: 1)), openedOn: DayDate(year: 2026, month: 1, day: 1))
        let document = ExportDocument(unit: UnitInfo(code: "TST", timeZone: .gmt), exportedAt: Date(timeIntervalSince1970: 0), records: [.child(child)])
        // A file written by something else, with the raw text in it.
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let raw = try encoder.encode(document)
        let read = try ExportDocument.decode(raw)
        #expect(read.anyRecords.first?.as(Child.self)?.legalName == "Sample]52;c;U3ludGhldGlj Child(synthetic)")
        // What care writes is clean already.
        let written = try document.encoded()
        let plain = JSONDecoder()
        plain.dateDecodingStrategy = .secondsSince1970
        let reread = try plain.decode(ExportDocument.self, from: written)
        #expect(reread.anyRecords.first?.as(Child.self)?.legalName == "Sample]52;c;U3ludGhldGlj Child(synthetic)")
    }

    @Test func aJSONFileOfTheWrongShapeIsNamedByItsPath() throws {
        let text = #"{"format":"care-export/1","unit":"TST","timeZone":"UTC","exportedAt":0,"records":[{"kind":"child","record":{"id":"c1"}}]}"#
        let thrown = #expect(throws: ImportProblems.self) { _ = try ExportDocument.decode(Data(text.utf8)) }
        let problem = try #require(thrown?.problems.first)
        #expect(problem.column?.hasPrefix("records[0].record") == true, "\(problem)")
        #expect(problem.description.hasPrefix("At records[0].record"), "\(problem)")
    }
}
