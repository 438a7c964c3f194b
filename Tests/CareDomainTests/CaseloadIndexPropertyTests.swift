import Foundation
import Testing
@testable import CareDomain

/// The index answers a keystroke from the previous key's result, checking only the words that
/// key changed. These compare every answer with a plain scan of every row (`CaseloadQuery.apply`)
/// for random caseloads and random typing: names typed key by key and taken out again, words
/// added and removed, spaces, digits, accented letters and syllabics, quick filters, closed and
/// damaged rows, and phone numbers typed before and after words.
@Suite("Caseload index, against a plain scan")
struct CaseloadIndexPropertyTests {
    static let firstNames = ["Jordan", "Zoé", "Riley", "Anaïs", "Élodie", "Quinn", "Kai", "Noémie", "ᓴᕋ", "Jo", "Ann"]
    static let lastNames = ["Example", "Démo-Tremblay", "Sample", "Exemple", "Testcase", "Échantillon", "Ex", "Jordan"]
    static let places = ["Lakeview Test First Nation", "Northpoint Demo Métis Council", "Tundra Example Inuit Community", "Birch Point"]
    /// What a person types into the filter: letters with and without accents, capitals,
    /// digits, phone punctuation and spaces.
    static let keys: [Character] = Array("aeiojrdnxmplcstzqé ÉÏ0125-()") + ["ᓴ", "ᕋ"]

    /// `count` random rows: a name from the lists above (now and then a preferred name, a
    /// second community, a phone number), any risk, open or closed, missing or not, and a few
    /// rows of damaged records.
    static func rows(count: Int, random: inout SeededRandom) -> KeyedRows {
        let base = CaseloadQueryTests.rows
        var made = KeyedRows()
        for n in 0..<count {
            if random.chance(0.03) {
                made.append(CaseloadRow(damagedChild: ChildID(rawValue: "damaged-\(n)"), records: [],
                                        whereabouts: random.chance(0.5) ? .missing(since: Date(timeIntervalSince1970: 1_700_000_000), lastSeen: "") : .unknown),
                            key: CaseloadRow.damagedSearchKey)
                continue
            }
            var row = base[n % base.count]
            row.child = ChildID(rawValue: "c-\(n)")
            row.displayName = random.pick(firstNames) + " " + random.pick(lastNames)
            row.caseNumber = CaseNumber(unit: "TST", year: 2020 + random.int(0...6), sequence: random.int(1...9_999))
            row.risk = random.pick(RiskLevel.allCases)
            row.isOpen = random.chance(0.85)
            row.isIndigenous = random.chance(0.3)
            row.whereabouts = random.chance(0.1) ? .missing(since: Date(timeIntervalSince1970: 1_700_000_000), lastSeen: "") : .unknown
            row.lastContact = random.chance(0.2) ? nil : Date(timeIntervalSince1970: Double(1_700_000_000 + random.int(0...100_000)))
            row.phoneDigits = random.chance(0.2) ? ["55501\(random.int(10_000...99_999))"] : []
            var parts = [row.displayName]
            if random.chance(0.15) { parts.append(random.pick(firstNames) + " " + random.pick(lastNames)) }
            parts.append(row.caseNumber.description)
            parts.append(random.pick(places))
            if random.chance(0.15) { parts.append(random.pick(places)) }
            made.append(row, key: FoldedText(joining: parts))
        }
        return made
    }

    static func ids(_ view: CaseloadView) -> [ChildID] { view.map(\.child) }

    @Test("each key of a name typed and taken out again, word by word, gives what a plain scan gives")
    func namesTypedKeyByKeyEqualAPlainScan() {
        var random = SeededRandom(seed: 2_507)
        for round in 0..<6 {
            let rows = Self.rows(count: 400, random: &random)
            var index = rows.index()
            var query = CaseloadQuery(sort: random.pick(CaseloadQuery.Sort.allCases))
            if random.chance(0.5) { query.toggle(random.pick([.highAndCritical, .missingNow, .indigenousAffiliation, .closedCases])) }
            for _ in 0..<8 {
                // A name on the caseload (often with a second word of another row's, or a
                // case number's digits), typed key by key, then backspaced to empty.
                var name = rows.rows[random.int(0...(rows.rows.count - 1))].displayName
                if random.chance(0.4) { name += " " + random.pick(Self.lastNames + Self.places + ["2023", "55501", "ex"]) }
                if random.chance(0.3) { name = name.uppercased() }
                for letter in name {
                    query.text.append(letter)
                    #expect(Self.ids(index.apply(query)) == rows.scan(query).map(\.child), "round \(round): \(query.text)")
                }
                while !query.text.isEmpty {
                    query.text.removeLast()
                    #expect(Self.ids(index.apply(query)) == rows.scan(query).map(\.child), "round \(round): \(query.text)")
                }
            }
        }
    }

    @Test("random typing, backspacing and word changes over random rows give what a plain scan gives")
    func randomTypingEqualsAPlainScan() {
        var random = SeededRandom(seed: 2_508)
        for round in 0..<6 {
            let rows = Self.rows(count: 300, random: &random)
            var index = rows.index()
            var query = CaseloadQuery()
            for step in 0..<300 {
                switch random.int(0...19) {
                case 0..<11: query.text.append(random.pick(Self.keys))
                case 11..<15: if !query.text.isEmpty { query.text.removeLast() }
                case 15: if !query.text.isEmpty { query.text.removeFirst() }
                case 16: query.text = random.pick(Self.firstNames)
                case 17: query.text = random.chance(0.5) ? "555" : "555 " + random.pick(Self.firstNames)
                case 18: query.sort = random.pick(CaseloadQuery.Sort.allCases)
                default: query.toggle(random.pick([.highAndCritical, .missingNow, .indigenousAffiliation, .closedCases]))
                }
                #expect(Self.ids(index.apply(query)) == rows.scan(query).map(\.child), "round \(round), step \(step): \(query.text)")
            }
        }
    }

    @Test("a word typed after a phone number is searched in rows the number found, not taken as found")
    func aWordAfterAPhoneNumberIsSearched() throws {
        var rows = CaseloadIndexTests.rows()
        // Row 0 has the number but not "555" in its key: the phone query finds it by its number only.
        rows.rows[0].phoneDigits = ["5550100142"]
        var index = rows.index()
        var query = CaseloadQuery(text: "555")
        #expect(Self.ids(index.apply(query)).contains(rows.rows[0].child))
        #expect(Self.ids(index.apply(query)) == rows.scan(query).map(\.child))
        query.text = "555 "
        #expect(Self.ids(index.apply(query)).contains(rows.rows[0].child))
        // Not a phone number any more: "555" must now be in the key, and row 0's is not.
        query.text = "555 j"
        #expect(!Self.ids(index.apply(query)).contains(rows.rows[0].child))
        #expect(Self.ids(index.apply(query)) == rows.scan(query).map(\.child))
    }
}
