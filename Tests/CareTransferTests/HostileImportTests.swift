import CareDomain
import CareStore
import CareTestFixtures
import CareTransfer
import Foundation
import Testing
import TextUI

/// Every string of the hostile corpus in every text column of an import: nothing crashes, what is
/// stored is clean, and a cell too long is a problem named by row and column.
@Suite struct HostileImportTests {
    static let textColumns: [ChildColumns.Column] = [
        .legalName, .preferredName, .pronouns, .gender, .community, .representativeContact, .languages, .phones, .society, .placement,
    ]

    @Test func hostileTextInEveryColumnIsStoredCleanOrNamedWhenTooLong() throws {
        let corpus = HostileCorpus.shared.entries
        let header = ["legal_name", "date_of_birth", "risk_level", "opened_on", "indigenous_identity"]
            + Self.textColumns.filter { $0 != .legalName }.map(\.rawValue)
        var rows: [[String]] = []
        var tooLong: Set<Int> = []
        // A ";" left after sanitizing splits the community cell in two, one more than the one
        // affiliation named: a problem in words, as it should be.
        var splitCommunity: Set<Int> = []
        for (index, entry) in corpus.enumerated() {
            let text = entry.string
            var row = ["Hostile Sample \(index) " + (entry.isLong ? "" : text), "2012-01-01", "high", "2026-01-01", "First Nations"]
            row += Self.textColumns.filter { $0 != .legalName }.map { _ in text }
            rows.append(row)
            if entry.isLong { tooLong.insert(index + 2) } else if Sanitizer.clean(text).contains(";") { splitCommunity.insert(index + 2) }
        }
        let csv = try CSVTable.text(header: header, rows: rows)
        let table = try CSVTable.parse(Data(csv.utf8))
        #expect(table.rows.count == corpus.count)

        let unit = try TransferStore()
        let accounts = try unit.store.listAccounts()
        if tooLong.isEmpty {
            Issue.record("the corpus should hold a long line")
        } else {
            let thrown = #expect(throws: ImportProblems.self) { _ = try ImportFile.records(.csv(table), unit: "TST", accounts: accounts) }
            let problems = try #require(thrown).problems
            #expect(Set(problems.compactMap(\.row)) == tooLong.union(splitCommunity))
            for problem in problems {
                if tooLong.contains(problem.row ?? 0) {
                    #expect(problem.expected.hasPrefix("at most "), "\(problem)")
                } else {
                    #expect(problem.column == "community" && problem.expected.hasPrefix("no more communities than affiliations"), "\(problem)")
                }
            }
        }
        // Without the long rows, everything imports, and every stored string is clean.
        let kept = CSVTable.Parsed(
            header: table.header,
            rows: table.rows.enumerated().filter { !tooLong.union(splitCommunity).contains($0.offset + 2) }.map(\.element))
        let records = try ImportFile.records(.csv(kept), unit: "TST", accounts: accounts)
        _ = try unit.store.importUnitRecords(records, summary: "imported hostile.csv")
        let children = try unit.store.unitRecords([.child], auditing: "test").all(Child.self)
        #expect(children.count == corpus.count - tooLong.count - splitCommunity.count)
        for child in children {
            let strings = [child.legalName, child.preferredName, child.pronouns, child.gender, child.society, child.placement]
                + child.languages + (child.phones ?? []) + child.indigenousIdentity.affiliations.flatMap { [$0.community, $0.representativeContact] }
            for string in strings { #expect(Sanitizer.isClean(string), "\(child.caseNumber): \(string.unicodeScalars.map { String($0.value, radix: 16) })") }
        }
    }
}
