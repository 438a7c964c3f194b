import Foundation
import Testing
@testable import CareDomain

@Suite("Caseload rows and query")
struct CaseloadQueryTests {
    typealias F = Fixture

    /// A small caseload with one of each thing the filters care about.
    static func snapshot() -> CaseloadSnapshot {
        let metis = F.child(1, name: "Zoé Démo-Tremblay", risk: .low,
                            identity: .affiliations([Affiliation(group: .metis, community: "Northpoint Demo Métis Council")]),
                            born: DayDate(year: 2013, month: 1, day: 1), team: Team(childProtection: F.cp.id, liaison: F.liaison.id))
        let missing = F.child(2, name: "Jordan Example", risk: .medium, born: DayDate(year: 2010, month: 6, day: 1),
                              team: Team(childProtection: F.cp.id, police: F.police.id))
        let critical = F.child(3, name: "Riley Sample", risk: .critical, born: DayDate(year: 2012, month: 3, day: 3),
                               team: Team(childProtection: WorkerID(rawValue: "w-other")))
        let high = F.child(4, name: "Anaïs Exemple", preferred: "ᓴᕋ", risk: .high,
                           identity: .affiliations([Affiliation(group: .inuk, community: "Tundra Example Inuit Community")]),
                           born: DayDate(year: 2009, month: 12, day: 24))
        let closed = F.child(5, name: "Casey Closedcase", risk: .critical, closure: Closure(on: F.today, reason: "test"))
        let neverSeen = F.child(6, name: "Blake Placeholder", risk: .high, born: DayDate(year: 2011, month: 7, day: 7))
        return CaseloadSnapshot(
            children: [metis, missing, critical, high, closed, neverSeen].map(ChildSummary.init),
            lastContact: [metis.id: F.now - 9 * F.day, missing.id: F.now - 1 * F.day, critical.id: F.now - 2 * F.hour,
                          high.id: F.now - 5 * F.day, closed.id: F.now - 50 * F.day],
            episodes: [missing.id: [F.episode(missing, lastSeen: F.now - 3 * F.hour)]],
            workers: F.workers
        )
    }

    static let keyed = KeyedRows(snapshot: snapshot(), today: F.today)
    static var rows: [CaseloadRow] { keyed.rows }

    func names(_ query: CaseloadQuery) -> [String] { Self.keyed.scan(query).map(\.legalName) }

    @Test("rows derive age, whereabouts, worker and team from the snapshot; the key holds the communities")
    func rowDerivation() throws {
        let jordan = try #require(Self.rows.first { $0.legalName == "Jordan Example" })
        #expect(jordan.age == 16)
        #expect(jordan.isMissing)
        #expect(jordan.assignedWorkerName == "Alex Testworker")
        let zoe = try #require(Self.rows.first { $0.legalName == "Zoé Démo-Tremblay" })
        #expect(zoe.team == Team(childProtection: F.cp.id, liaison: F.liaison.id))
        #expect(zoe.team.includes(F.liaison.id) && !zoe.team.includes(F.police.id))
        let zoePosition = try #require(Self.rows.firstIndex { $0.legalName == "Zoé Démo-Tremblay" })
        #expect(String(decoding: Self.keyed.keys[zoePosition].bytes, as: UTF8.self).contains(TextFold.fold("Northpoint Demo Métis Council")))
        #expect(zoe.isIndigenous)
        #expect(!zoe.isMissing)
        let anais = try #require(Self.rows.first { $0.legalName == "Anaïs Exemple" })
        #expect(anais.displayName == "ᓴᕋ")
    }

    @Test("\"metis\" finds the child whose community is Métis")
    func metis() {
        #expect(names(CaseloadQuery(text: "metis")) == ["Zoé Démo-Tremblay"])
        #expect(names(CaseloadQuery(text: "  ")).count == 5)
        #expect(names(CaseloadQuery(text: "jordan ")) == ["Jordan Example"])
    }

    @Test("a phone number on the child's record finds them by its digits, however either was typed")
    func phoneNumbers() throws {
        var snapshot = Self.snapshot()
        let riley = try #require(snapshot.children.firstIndex { $0.legalName == "Riley Sample" })
        snapshot.children[riley].phones = ["(555) 010-0142", "555.0199"]
        let rows = KeyedRows(snapshot: snapshot, today: F.today)
        func names(_ text: String) -> [String] { rows.scan(CaseloadQuery(text: text)).map(\.legalName) }
        for typed in ["555-010-0142", "5550100142", "(555) 010 0142", "+1 555 010 0142", "010-01", "0142", "555.01", "0199"] {
            #expect(names(typed) == ["Riley Sample"], "\(typed)")
        }
        #expect(names("555 010 0143").isEmpty, "another number")
        #expect(!CaseloadQuery(text: "01").matchesPhone(["5550100142"]), "fewer than three digits find no phone number")
        #expect(names("riley 0142").isEmpty, "words and digits together are words: no child has \"0142\" in a name")
        // The row holds the digits only, and they come from the summary (the record is not opened).
        #expect(rows.rows.first { $0.legalName == "Riley Sample" }?.phoneDigits == ["5550100142", "5550199"])
    }

    @Test("words match in any order, each on its own")
    func wordsInAnyOrder() {
        #expect(names(CaseloadQuery(text: "zoe tremblay")) == ["Zoé Démo-Tremblay"])
        #expect(names(CaseloadQuery(text: "tremblay  ZOE")) == ["Zoé Démo-Tremblay"])
        #expect(names(CaseloadQuery(text: "zoe example")).isEmpty, "every word must match the same child")
        // A word may be found in any field: the name and the community.
        #expect(names(CaseloadQuery(text: "northpoint zoe")) == ["Zoé Démo-Tremblay"])
    }

    @Test("text matches legal and preferred names, case number and team names", arguments: [
        ("zoe", ["Zoé Démo-Tremblay"]), ("ᓴᕋ", ["Anaïs Exemple"]), ("anais", ["Anaïs Exemple"]),
        ("tst-2026-0003", ["Riley Sample"]), ("constable", ["Jordan Example"]), ("tundra", ["Anaïs Exemple"]),
    ])
    func textFilter(text: String, expected: [String]) {
        #expect(names(CaseloadQuery(text: text)) == expected)
    }

    @Test("closed cases are hidden unless asked for")
    func closed() {
        #expect(!names(CaseloadQuery()).contains("Casey Closedcase"))
        #expect(names(CaseloadQuery(includeClosed: true)).contains("Casey Closedcase"))
    }

    @Test("quick filters narrow and combine")
    func quickFilters() {
        #expect(names(CaseloadQuery(filters: [.missingNow])) == ["Jordan Example"])
        #expect(Set(names(CaseloadQuery(filters: [.highAndCritical]))) == ["Riley Sample", "Anaïs Exemple", "Blake Placeholder"])
        #expect(Set(names(CaseloadQuery(filters: [.indigenousAffiliation]))) == ["Zoé Démo-Tremblay", "Anaïs Exemple"])
        #expect(Set(names(CaseloadQuery(filters: [.myCases(F.police.id)]))) == ["Jordan Example"])
        #expect(Set(names(CaseloadQuery(filters: [.myCases(F.liaison.id)]))) == ["Zoé Démo-Tremblay"])
        #expect(names(CaseloadQuery(filters: [.indigenousAffiliation, .highAndCritical])) == ["Anaïs Exemple"])
        var query = CaseloadQuery()
        query.toggle(.missingNow)
        #expect(query.filters == [.missingNow])
        query.toggle(.missingNow)
        #expect(query.filters.isEmpty)
    }

    @Test("risk sort: missing first, then risk down, then the longest without contact")
    func riskSort() {
        #expect(names(CaseloadQuery(sort: .risk)) == ["Jordan Example", "Riley Sample", "Blake Placeholder", "Anaïs Exemple", "Zoé Démo-Tremblay"])
    }

    @Test("last-contact sort puts never-contacted first, then the oldest")
    func lastContactSort() {
        #expect(names(CaseloadQuery(sort: .lastContact)) == ["Blake Placeholder", "Zoé Démo-Tremblay", "Anaïs Exemple", "Jordan Example", "Riley Sample"])
    }

    @Test("name sort uses the display name, accent-blind; age sort is youngest first")
    func nameAndAgeSort() {
        // Display names: Blake, Jordan, Riley, Zoé, ᓴᕋ (syllabics sort after Latin).
        #expect(names(CaseloadQuery(sort: .name)) == ["Blake Placeholder", "Jordan Example", "Riley Sample", "Zoé Démo-Tremblay", "Anaïs Exemple"])
        #expect(names(CaseloadQuery(sort: .age)) == ["Zoé Démo-Tremblay", "Riley Sample", "Blake Placeholder", "Jordan Example", "Anaïs Exemple"])
    }

    @Test("over 50,000 rows, each keystroke finds exactly the rows that hold every word")
    func fiftyThousandRows() {
        let base = Self.rows[0]
        var rows = KeyedRows()
        for n in 0..<50_000 {
            var row = base
            row.caseNumber = CaseNumber(unit: "TST", year: 2026 - n / 9999, sequence: n % 9999 + 1)
            rows.append(row, key: FoldedText(joining: ["Jordan Example \(n)", row.caseNumber.description, "Lakeview Test First Nation"]))
        }
        // The reference: every word of the folded text inside the row's folded fields, by plain
        // string search (slow, and obviously right).
        let plain = (0..<50_000).map { n in TextFold.fold("Jordan Example \(n) \(rows.rows[n].caseNumber) Lakeview Test First Nation") }
        for text in ["j", "jordan e", "jordan example 4999", "4999 lakeview", "first nation 12345"] {
            let words = text.split(separator: " ").map { TextFold.fold(String($0)) }
            let expected = plain.indices.filter { i in words.allSatisfy { plain[i].contains($0) } }.count
            #expect(rows.scan(CaseloadQuery(text: text, sort: .name)).count == expected, "\(text)")
            #expect(rows.index().matching(CaseloadQuery(text: text, sort: .name)).count == expected, "\(text)")
        }
    }
}
