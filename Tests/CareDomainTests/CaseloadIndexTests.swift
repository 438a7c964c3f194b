import Foundation
import Testing
@testable import CareDomain

/// The dashboard's `CaseloadIndex` narrows, reuses and keeps sort orders between keystrokes; the
/// list it gives must always be exactly what the query gives over every row from scratch.
@Suite("Caseload index")
struct CaseloadIndexTests {
    /// 600 rows with names, communities and risks spread so that letters narrow step by step.
    static func rows() -> KeyedRows {
        let base = CaseloadQueryTests.rows
        let first = ["Jordan", "Zoé", "Riley", "Anaïs", "Blake", "Casey", "Émile", "Quinn"]
        let last = ["Example", "Démo-Tremblay", "Sample", "Exemple", "Placeholder", "Testcase"]
        var made = KeyedRows()
        for n in 0..<600 {
            var row = base[n % base.count]
            row.child = ChildID(rawValue: "c-\(n)")
            row.displayName = "\(first[n % first.count]) \(last[(n / 8) % last.count])"
            row.caseNumber = CaseNumber(unit: "TST", year: 2020 + n % 7, sequence: n + 1)
            row.risk = RiskLevel.allCases[n % RiskLevel.allCases.count]
            row.age = 10 + n % 8
            row.lastContact = n % 5 == 0 ? nil : Date(timeIntervalSince1970: Double(1_700_000_000 + (n * 7_919) % 100_000))
            made.append(row, key: FoldedText(joining: [row.displayName, row.caseNumber.description, n % 3 == 0 ? "Lakeview Test First Nation" : "Birch Point"]))
        }
        return made
    }

    func ids(_ view: CaseloadView) -> [ChildID] { view.map(\.child) }

    @Test("typing forward, backspacing, adding words and changing sort or quick filters always equal a fresh query")
    func everyStepEqualsAFreshQuery() {
        let rows = Self.rows()
        var index = rows.index()
        var query = CaseloadQuery()
        var generator = SeededRandom(seed: 12)
        let letters = Array("aeiolnrstxé 2")
        for step in 0..<400 {
            switch generator.next() % 10 {
            case 0..<5: query.text.append(letters[Int(generator.next() % UInt64(letters.count))])
            case 5..<8: if !query.text.isEmpty { query.text.removeLast() }
            case 8: query.sort = CaseloadQuery.Sort.allCases[Int(generator.next() % 4)]
            default: query.toggle([.highAndCritical, .missingNow, .indigenousAffiliation][Int(generator.next() % 3)])
            }
            #expect(ids(index.apply(query)) == rows.scan(query).map(\.child), "step \(step): \(query)")
        }
    }

    @Test("a changed row is found by the next keystroke, and a removed one is gone")
    func changedRowsAreSeen() {
        var rows = Self.rows()
        var index = rows.index()
        var query = CaseloadQuery(text: "jor")
        _ = index.apply(query)
        let renamed = rows.rows[1]
        let renamedKey = FoldedText(joining: ["Jordane Renamed", renamed.caseNumber.description])
        index.replace(at: 1, with: renamed, key: renamedKey)
        rows.keys[1] = renamedKey
        query.text = "jorda"
        #expect(ids(index.apply(query)) == rows.scan(query).map(\.child))
        #expect(index.apply(query).index(of: renamed.child) != nil)

        index.remove(at: 0)
        rows.remove(at: 0)
        #expect(ids(index.apply(query)) == rows.scan(query).map(\.child))
    }

    @Test("a phone number typed digit by digit, in any formatting, always equals a fresh query")
    func phoneNumbersTypedStepByStep() {
        var rows = Self.rows()
        for n in rows.rows.indices where n % 4 == 0 { rows.rows[n].phoneDigits = [String(format: "555010%04d", n)] }
        var index = rows.index()
        var query = CaseloadQuery()
        // Forward, back, reordered pieces and punctuation: the index's narrowing must never keep
        // a result the longer number would not give from scratch.
        for text in ["5", "55", "555", "555-", "555-0", "555-01", "555-010", "555-0100", "555-01004", "555-0100", "(555) 010 0", "010 555",
                     "010 5550", "0100", "01001", "1 555 010 0100", "+1 555 010 0100", "jordan 555", "555"] {
            query.text = text
            #expect(ids(index.apply(query)) == rows.scan(query).map(\.child), "\(text)")
        }
        query.text = "010-0104"
        #expect(index.apply(query).map(\.child) == [rows.rows[104].child], "only the child with that number")
    }

    @Test("the name sort compares the keys' first parts as folded names compare, whatever follows them")
    func nameOrderIsTheFirstPartsOrder() {
        var random = SeededRandom(seed: 2_512)
        let names = ["", "ann", "anna", "Anaïs", "zoé", "Zoe", "ᓴᕋ", "b"]
        for _ in 0..<300 {
            let x = random.pick(names), y = random.pick(names)
            let key = { (name: String) in
                [UInt8](name.isEmpty ? [0x1F] : []) + FoldedText(joining: [name, random.pick(["tst-2026-0001", "a", ""])]).bytes
            }
            let expected = FoldedText(x) < FoldedText(y) ? -1 : FoldedText(y) < FoldedText(x) ? 1 : 0
            #expect(CaseloadQuery.compareNames(key(x), key(y)) == expected, "\(x) against \(y)")
        }
    }

    @Test("narrowing compares folded words, so an accent typed later still narrows correctly")
    func narrowingIsFoldAware() {
        let earlier = CaseloadQuery(text: "zo")
        #expect(CaseloadQuery(text: "zoé").narrows(earlier))
        #expect(CaseloadQuery(text: "ZOE sample").narrows(earlier))
        #expect(!CaseloadQuery(text: "z").narrows(earlier))
        #expect(!CaseloadQuery(text: "zoe", sort: .name).narrows(earlier))
        #expect(CaseloadQuery(text: "555-0100").narrows(CaseloadQuery(text: "555 01")))
        #expect(!CaseloadQuery(text: "5550100").narrows(CaseloadQuery(text: "0100 555")), "the digits in another order find other numbers")
        #expect(!CaseloadQuery(text: "555").narrows(CaseloadQuery(text: "jor")))
    }
}
