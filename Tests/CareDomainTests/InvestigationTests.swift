import Foundation
import Testing
@testable import CareDomain

/// Persons of interest, places of concern and their links: normalisation, search, the pattern
/// rule, merge proposals and the rules both stores apply. All names, numbers and plates are
/// invented.
@Suite("Investigation support")
struct InvestigationTests {
    typealias F = Fixture

    static func day(_ offset: Int) -> DayDate { F.today.addingDays(offset)! }

    static func link(_ child: Int, to target: InvestigationTarget, on date: DayDate, removed: Bool = false) -> InvestigationLink {
        InvestigationLink(
            id: InvestigationLinkID(rawValue: "l-\(child)-\(date)"), child: ChildID(rawValue: "c\(child)"), target: target, date: date,
            source: .youth, createdBy: F.police.id, createdAt: F.now,
            removal: removed ? .init(by: F.police.id, at: F.now, reason: "entered in error (test)") : nil)
    }

    static let person = InvestigationTarget.person(PersonID(rawValue: "p1"))

    // MARK: Normalisation

    @Test("phone numbers compare on their digits, with or without the leading 1")
    func phoneDigits() {
        #expect(PhoneNumber.digits("(555) 010-0199") == "5550100199")
        #expect(PhoneNumber.digits("+1 555.010.0199") == "5550100199")
        #expect(PhoneNumber.same("555-010-0199", "1 (555) 0100199"))
        #expect(!PhoneNumber.same("555-010-0199", "555-010-0198"))
        #expect(!PhoneNumber.same("no number", "none here"), "two texts without digits are not one number")
        #expect(PhoneNumber.digits("٥٥٥") == "", "only ASCII digits count")
    }

    @Test("plates compare on letters and digits, upper case, accents folded")
    func plates() {
        #expect(Plate.normalized("abcd 123") == "ABCD123")
        #expect(Plate.normalized("ÁBCD-123") == "ABCD123")
        #expect(Plate.same("demo 042", "DEMO-042"))
        #expect(!Plate.same("DEMO 042", "DEMO 043"))
        #expect(!Plate.same("--", " "))
    }

    @Test("the search finds aliases accent- and case-blind, phones by digits, plates by letters and digits")
    func search() {
        let person = PersonOfInterest(
            id: PersonID(rawValue: "p1"), aliases: ["Jérôme Example-Alias"], phones: ["(555) 010-0199"], handles: ["@demo.handle"],
            vehicles: [Vehicle(description: "grey sedan (test)", plate: "DEMO 042")], createdBy: F.police.id, createdAt: F.now)
        #expect(InvestigationSearch("jerome").matches(person))
        #expect(InvestigationSearch("JÉRÔME").matches(person))
        #expect(InvestigationSearch("555.010.01").matches(person))
        #expect(InvestigationSearch("0100199").matches(person))
        #expect(InvestigationSearch("+1 555 010 0199").matches(person), "the country code typed or not")
        #expect(InvestigationSearch("demo-04").matches(person))
        #expect(InvestigationSearch("Demo.Handle").matches(person))
        #expect(!InvestigationSearch("555 010 0198").matches(person))
        #expect(!InvestigationSearch("someone else").matches(person))
        let place = PlaceOfConcern(kind: .hotelMotel, name: "Sample Motel (fictional)", address: "1 Example Road", createdBy: F.police.id, createdAt: F.now)
        #expect(InvestigationSearch("sample motel").matches(place))
        #expect(InvestigationSearch("example road").matches(place))
        #expect(!InvestigationSearch("harbour").matches(place))
    }

    // MARK: The pattern rule

    @Test("a third child linked within 90 days raises a warning")
    func thirdChildInside() throws {
        let links = [Self.link(1, to: Self.person, on: Self.day(-80)), Self.link(2, to: Self.person, on: Self.day(-40)),
                     Self.link(3, to: Self.person, on: Self.day(10 - 10))]
        let warning = try #require(PatternRule.warning(for: Self.person, links))
        #expect(warning.children == ["c1", "c2", "c3"].map(ChildID.init(rawValue:)))
        #expect(warning.from == Self.day(-80) && warning.to == Self.day(0))
        #expect(PatternRule.warnings(links).count == 1)
    }

    @Test("a third child outside 90 days, a second child, or the same child again raise none")
    func noWarning() {
        let spread = [Self.link(1, to: Self.person, on: Self.day(-120)), Self.link(2, to: Self.person, on: Self.day(-40)),
                      Self.link(3, to: Self.person, on: Self.day(0))]
        #expect(PatternRule.warning(for: Self.person, spread) == nil, "121 days between first and third")
        let exactly = [Self.link(1, to: Self.person, on: Self.day(-90)), Self.link(2, to: Self.person, on: Self.day(-40)),
                       Self.link(3, to: Self.person, on: Self.day(0))]
        #expect(PatternRule.warning(for: Self.person, exactly) != nil, "90 days is within 90 days")
        let twoChildren = [Self.link(1, to: Self.person, on: Self.day(-3)), Self.link(2, to: Self.person, on: Self.day(-2)),
                           Self.link(1, to: Self.person, on: Self.day(-1))]
        #expect(PatternRule.warning(for: Self.person, twoChildren) == nil)
        let removed = [Self.link(1, to: Self.person, on: Self.day(-3)), Self.link(2, to: Self.person, on: Self.day(-2)),
                       Self.link(3, to: Self.person, on: Self.day(-1), removed: true)]
        #expect(PatternRule.warning(for: Self.person, removed) == nil, "a removed link does not count")
    }

    @Test("the links of a merged person count with the person kept")
    func mergedLinksCount() {
        let kept = PersonOfInterest(id: PersonID(rawValue: "p1"), aliases: ["Kept Alias (test)"], createdBy: F.police.id, createdAt: F.now,
                                    mergedFrom: [PersonID(rawValue: "p2")])
        let merged = PersonOfInterest(id: PersonID(rawValue: "p2"), aliases: ["Other Alias (test)"], createdBy: F.police.id, createdAt: F.now,
                                      mergedInto: kept.id)
        let other = InvestigationTarget.person(merged.id)
        let file = InvestigationFile(persons: [kept, merged], links: [
            Self.link(1, to: Self.person, on: Self.day(-5)), Self.link(2, to: Self.person, on: Self.day(-4)), Self.link(3, to: other, on: Self.day(-3)),
        ])
        #expect(file.warnings.map(\.target) == [Self.person])
        let entries = file.entries()
        #expect(entries.map(\.name) == ["Kept Alias (test)"], "the merged person is listed under the one kept")
        #expect(entries.first?.children.count == 3)
        #expect(file.scoped(to: .person(kept.id)).links.count == 3, "both histories are on the kept person's screen")
    }

    @Test("the list orders by children linked, then the newest link")
    func listOrder() {
        let persons = (1...3).map { PersonOfInterest(id: PersonID(rawValue: "p\($0)"), aliases: ["Alias \($0) (test)"], createdBy: F.police.id, createdAt: F.now) }
        let file = InvestigationFile(persons: persons, links: [
            Self.link(1, to: .person(persons[0].id), on: Self.day(-30)),
            Self.link(1, to: .person(persons[1].id), on: Self.day(-1)),
            Self.link(2, to: .person(persons[2].id), on: Self.day(-50)), Self.link(3, to: .person(persons[2].id), on: Self.day(-60)),
        ])
        #expect(file.entries().map(\.name) == ["Alias 3 (test)", "Alias 2 (test)", "Alias 1 (test)"])
        #expect(file.entries(matching: InvestigationSearch("alias 2")).map(\.name) == ["Alias 2 (test)"])
    }

    @Test("a person's screen lists the children missing now first, then the newest link")
    func missingChildrenFirst() {
        let file = InvestigationFile(links: [
            Self.link(1, to: Self.person, on: Self.day(-1)), Self.link(2, to: Self.person, on: Self.day(-40)),
            Self.link(3, to: Self.person, on: Self.day(-3)), Self.link(4, to: Self.person, on: Self.day(-80)),
            Self.link(5, to: Self.person, on: Self.day(-2), removed: true),
        ])
        let missing: Set<ChildID> = [ChildID(rawValue: "c2"), ChildID(rawValue: "c4"), ChildID(rawValue: "c5")]
        let listed = file.listedLinks(to: Self.person) { missing.contains($0) }.map(\.child.rawValue)
        #expect(listed == ["c2", "c4", "c1", "c3"], "missing first (newest link first among them), a removed link not listed")
        #expect(file.listedLinks(to: Self.person) { _ in false }.map(\.child.rawValue) == ["c1", "c3", "c2", "c4"])
    }

    @Test("a removal is stored as it always was, whatever it removes")
    func removalJSON() throws {
        let json = Data(#"{"at":10,"by":"w-1","reason":"entered in error (test)"}"#.utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let investigation = try JSONDecoder().decode(InvestigationLink.Removal.self, from: json)
        let link = try JSONDecoder().decode(RecordLink.Removal.self, from: json)
        let flag = try JSONDecoder().decode(Flag.Removal.self, from: json)
        #expect(investigation == Removal(by: WorkerID(rawValue: "w-1"), at: Date(timeIntervalSinceReferenceDate: 10), reason: "entered in error (test)"))
        for encoded in [try encoder.encode(investigation), try encoder.encode(link), try encoder.encode(flag)] {
            #expect(encoded == json)
        }
    }

    // MARK: Merge proposals

    @Test("a phone or plate already on another person proposes a merge, compared normalized")
    func mergeProposal() {
        let first = PersonOfInterest(id: PersonID(rawValue: "a"), aliases: ["First (test)"], phones: ["555-010-0199"],
                                     vehicles: [Vehicle(description: "van", plate: "DEMO 042")], createdBy: F.police.id, createdAt: F.now)
        let second = PersonOfInterest(id: PersonID(rawValue: "b"), aliases: ["Second (test)"], phones: ["+1 (555) 010 0199"],
                                      createdBy: F.police.id, createdAt: F.now)
        let third = PersonOfInterest(id: PersonID(rawValue: "c"), aliases: ["Third (test)"], phones: ["555-010-0000"],
                                     vehicles: [Vehicle(description: "car", plate: "demo-042")], createdBy: F.police.id, createdAt: F.now)
        let proposals = MergeProposal.proposals(for: first, among: [first, second, third])
        #expect(proposals.map(\.other.rawValue) == ["b", "c"])
        #expect(proposals[0].sharedPhones == ["555-010-0199"] && proposals[0].sharedPlates.isEmpty)
        #expect(proposals[1].sharedPlates == ["DEMO 042"] && proposals[1].sharedPhones.isEmpty)
        #expect(MergeProposal.all([first, second, third]).count == 2, "each pair once")
        var merged = second
        merged.mergedInto = first.id
        #expect(MergeProposal.proposals(for: first, among: [merged]).isEmpty, "a person already merged is not proposed again")
    }

    // MARK: Rules, through the in-memory store

    static func unit() throws -> (police: InMemoryCaseStore, cp: InMemoryCaseStore, liaison: InMemoryCaseStore) {
        let database = MemoryDatabase(
            unit: UnitInfo(code: "TST", timeZone: .gmt), records: F.workers + [F.child(1), F.child(2)],
            passphrases: Dictionary(uniqueKeysWithValues: F.workers.map { ($0.accountName, "test-pass") }))
        let clock = FixedClock(F.now)
        return (try InMemoryCaseStore(database: database, account: F.police.accountName, passphrase: "test-pass", clock: clock),
                try InMemoryCaseStore(database: database, account: F.cp.accountName, passphrase: "test-pass", clock: clock),
                try InMemoryCaseStore(database: database, account: F.liaison.accountName, passphrase: "test-pass", clock: clock))
    }

    static func newPerson(phones: [String] = ["555-010-0199"]) -> PersonOfInterest {
        PersonOfInterest(aliases: ["  Demo Alias (test) ", ""], phones: phones, createdBy: F.cp.id, createdAt: .distantPast)
    }

    @Test("police add a person and link them to two children; the person's view lists both, each view audited")
    func linking() throws {
        let (police, _, _) = try Self.unit()
        let saved = try police.perform(.investigation(.savePerson(Self.newPerson())))
        let person = try #require(saved.saved.first?.as(PersonOfInterest.self))
        #expect(person.aliases == ["Demo Alias (test)"], "items trimmed, empty ones dropped")
        #expect(person.createdBy == F.police.id, "the store stamps who created it")
        for child in [F.child(1), F.child(2)] {
            _ = try police.perform(.investigation(.link(InvestigationLink(
                child: child.id, target: .person(person.id), date: F.today, source: .youth, createdBy: F.police.id, createdAt: F.now))))
        }
        let before = police.database.auditEvents().count
        let file = try police.investigation(.person(person.id))
        #expect(Set(file.activeLinks(to: .person(person.id)).map(\.child)) == [F.child(1).id, F.child(2).id])
        let views = police.database.auditEvents().dropFirst(before)
        #expect(views.count == 3 && views.allSatisfy { $0.action == .view })
        #expect(views.map(\.targetKind) == [.personOfInterest, .investigationLink, .investigationLink])
    }

    @Test("a child protection worker may not read or add investigation records, but may report a lead")
    func roles() throws {
        let (police, cp, liaison) = try Self.unit()
        #expect(throws: CommandError.self) { try cp.investigation(.list) }
        #expect(throws: CommandError.self) { try cp.perform(.investigation(.savePerson(Self.newPerson()))) }
        let lead = Lead(child: F.child(1).id, text: "Youth mentioned an older friend with a grey car (test).", source: .youth,
                        reportedBy: F.cp.id, reportedAt: F.now)
        let outcome = try cp.perform(.investigation(.reportLead(lead)))
        #expect(outcome.summary == "reported a lead to the police (youth)")
        #expect(throws: CommandError.self) { try police.perform(.investigation(.reportLead(Lead(
            child: F.child(1).id, text: "police link directly (test)", source: .police, reportedBy: F.police.id, reportedAt: F.now)))) }
        #expect(throws: CommandError.self) { try liaison.perform(.investigation(.reportLead(lead))) }
        #expect(try police.investigation(.leads).leads.map(\.text) == [lead.text])
    }

    @Test("a link needs a child and a target that exist, and no date in the future")
    func linkRules() throws {
        let (police, _, _) = try Self.unit()
        let person = try #require(try police.perform(.investigation(.savePerson(Self.newPerson()))).saved.first?.as(PersonOfInterest.self))
        func link(_ child: ChildID, _ target: InvestigationTarget, _ date: DayDate) -> CaseCommand {
            .investigation(.link(InvestigationLink(child: child, target: target, date: date, source: .police, createdBy: F.police.id, createdAt: F.now)))
        }
        #expect(throws: CommandError.self) { try police.perform(link(ChildID(rawValue: "nobody"), .person(person.id), F.today)) }
        #expect(throws: CommandError.self) { try police.perform(link(F.child(1).id, .person(PersonID(rawValue: "nobody")), F.today)) }
        #expect(throws: CommandError.self) { try police.perform(link(F.child(1).id, .person(person.id), Self.day(1))) }
        #expect(throws: CommandError.self) { try police.perform(.investigation(.savePerson(Self.newPerson(phones: ["12"])))) }

        // Removing a link needs a reason, keeps the link with its removal, and takes it out of the counts.
        let made = try #require(try police.perform(link(F.child(1).id, .person(person.id), F.today)).saved.first?.as(InvestigationLink.self))
        #expect(throws: CommandError.self) { try police.perform(.investigation(.unlink(made.id, reason: "  "))) }
        _ = try police.perform(.investigation(.unlink(made.id, reason: "entered on the wrong child (test)")))
        let file = try police.investigation(.person(person.id))
        #expect(file.links.map(\.id) == [made.id] && file.links.first?.removal?.reason == "entered on the wrong child (test)")
        #expect(file.activeLinks(to: .person(person.id)).isEmpty)
        #expect(throws: CommandError.self) { try police.perform(.investigation(.unlink(made.id, reason: "again (test)"))) }
    }

    @Test("merging keeps both persons and both histories, and is audited")
    func merging() throws {
        let (police, _, _) = try Self.unit()
        let a = try #require(try police.perform(.investigation(.savePerson(Self.newPerson()))).saved.first?.as(PersonOfInterest.self))
        var other = Self.newPerson(phones: ["1 555 010 0199", "555-010-0777"])
        other.aliases = ["Second Alias (test)"]
        let b = try #require(try police.perform(.investigation(.savePerson(other))).saved.first?.as(PersonOfInterest.self))
        _ = try police.perform(.investigation(.link(InvestigationLink(
            child: F.child(2).id, target: .person(b.id), date: F.today, source: .family, createdBy: F.police.id, createdAt: F.now))))
        #expect(try police.investigation(.list).mergeProposals.count == 1)
        let outcome = try police.perform(.investigation(.mergePersons(kept: a.id, merged: b.id)))
        let kept = try #require(outcome.saved.first?.as(PersonOfInterest.self))
        #expect(kept.aliases == ["Demo Alias (test)", "Second Alias (test)"])
        #expect(kept.phones == ["555-010-0199", "555-010-0777"], "the same number is not added twice")
        #expect(kept.mergedFrom == [b.id])
        let file = try police.investigation(.person(a.id))
        #expect(file.persons.count == 2, "the merged person is still there")
        #expect(file.activeLinks(to: .person(a.id)).map(\.child) == [F.child(2).id])
        #expect(police.database.auditEvents().contains { $0.summary.hasPrefix("merged person of interest") })
        #expect(try police.investigation(.list).mergeProposals.isEmpty)
        #expect(throws: CommandError.self) { try police.perform(.investigation(.mergePersons(kept: a.id, merged: b.id))) }
    }
}
