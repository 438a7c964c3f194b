import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The caseload opens from one sealed summary per child and class (`summaries`), written with
/// every change to the child's records, listed in that change's audit event and checked by
/// `care check` against the records; what each role loads is what its records would give.
@Suite struct CaseloadSummaryTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore
    let child: Child
    let other: Child

    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
        child = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 1)))
        other = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 2)))
        let service = try store.save(Samples.service(), summary: "catalogue")
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, at: -3_600)))
        _ = try store.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        _ = try store.perform(.addIndicator(Samples.indicator(child: child.id)))
        _ = try store.perform(.saveSafetyPlan(Samples.plan(child: other.id)))
        _ = try store.perform(.saveAppointment(Samples.appointment(child: other.id)))
        _ = try store.save(Samples.referral(child: other.id, service: service.id, by: store.worker.id), summary: "referral")
    }

    private func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        try fixture.raw().write { try $0.execute(sql: sql, arguments: arguments) }
    }

    /// The caseload `session` loads when the store keeps no summaries (read from the records, as
    /// a store of the previous version is): the summaries must give exactly this.
    private func fromRecords(_ session: SQLiteCaseStore) throws -> CaseloadSnapshot {
        try session.read { db, keys in
            var snapshot = CaseloadSnapshot()
            for visibility in SQLiteCaseStore.summaryClasses where session.worker.role.readableClasses.contains(visibility) {
                for (id, entry) in try SQLiteCaseStore.caseloadEntries(of: nil, visibility, db: db, keys: keys) { snapshot.add(entry, of: id) }
            }
            try SQLiteCaseStore.countUnreadableContacts(of: nil, readable: session.worker.role.readableClasses, into: &snapshot, db: db)
            snapshot.responses = try SQLiteCaseStore.fetchAll(AlertResponse.self, children: nil, db: db, keys: keys, decoder: RecordCoding.decoder())
            snapshot.services = try SQLiteCaseStore.fetchAll(Service.self, db: db, keys: keys, decoder: RecordCoding.decoder())
            snapshot.workers = try SQLiteCaseStore.fetchAll(Worker.self, db: db, keys: keys, decoder: RecordCoding.decoder())
            snapshot.checklist = try SQLiteCaseStore.fetchAll(ReviewChecklist.self, db: db, keys: keys, decoder: RecordCoding.decoder()).first
            snapshot.normalizeOrder()
            return snapshot
        }
    }

    private func summaryVersion(_ id: ChildID, _ visibility: VisibilityClass) throws -> Int? {
        try fixture.raw().read { db in
            try Int.fetchOne(db, sql: "SELECT version FROM summaries WHERE child_id = ? AND class = ?", arguments: [id.rawValue, visibility.rawValue])
        }
    }

    @Test func everyRoleLoadsFromTheSummariesWhatTheRecordsGive() throws {
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, visibility: .restricted)))
        for account in [StoreFixture.supervisor, StoreFixture.protection, StoreFixture.police, StoreFixture.liaison] {
            let session = try fixture.open(account)
            let loaded = try session.loadCaseload()
            #expect(loaded == (try fromRecords(session)), "\(account.accountName)")
            #expect(loaded.children.count == 2 && loaded.openIndicators[child.id]?.count == 1 && loaded.plans[other.id] != nil
                    && loaded.referrals.count == 1 && loaded.appointments.count == 1 && loaded.openEpisode(of: child.id) != nil)
        }
        let rows = try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM summaries") }
        #expect(rows == 3, "a team summary for each child, a restricted one for the child with a restricted note")
    }

    @Test func aChangeWritesItsChildsSummaryInTheSameTransactionAndTrail() throws {
        let before = try #require(try summaryVersion(child.id, .team))
        let otherBefore = try summaryVersion(other.id, .team)
        let outcome = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
        #expect(try summaryVersion(child.id, .team) == before + 1)
        #expect(try summaryVersion(other.id, .team) == otherBefore, "only the changed child's summary is written")
        let entries = try fixture.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT kind, id, version FROM audit_rows WHERE seq = (SELECT MAX(seq) FROM audit_rows) ORDER BY ord")
                .map { "\($0["kind"] as String) \($0["id"] as String) v\($0["version"] as Int)" }
        }
        let contact = try #require(outcome.record)
        #expect(entries == ["contact \(contact.recordID) v1", "summary team/\(child.id.rawValue) v\(before + 1)"])
        #expect(try store.loadCaseload().lastContact[child.id] == Samples.when)
        #expect(try store.verify().isHealthy)
    }

    @Test func aRefusedChangeWritesNoSummary() throws {
        let before = try summaryVersion(child.id, .team)
        var stale = try store.loadDetail(of: child.id, contactLimit: 1).child
        stale.version -= 1
        stale.placement = "A test placement saved over an older version"
        #expect(throws: RecordConflict.self) { try store.perform(.updateChild(stale)) }
        #expect(try summaryVersion(child.id, .team) == before)
    }

    @Test func theTeamSummaryHoldsNothingOfRestrictedNotes() throws {
        let team = try store.loadCaseload().lastContact[child.id]
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, at: 600, visibility: .restricted)))
        let police = try fixture.open(StoreFixture.police)
        // The police's last contact moves by the note's clear time (issue 20), not by the summary.
        #expect(try police.loadCaseload().lastContact[child.id] == Samples.when.addingTimeInterval(600))
        #expect(team != Samples.when.addingTimeInterval(600))
        #expect(try store.loadCaseload().lastContact[child.id] == Samples.when.addingTimeInterval(600))
        // What the team key opens of that child: the last contact of team notes only.
        let entry = try police.read { db, keys in
            let stored = try #require(try Row.fetchOne(
                db, sql: "SELECT \(SQLiteCaseStore.summaryColumns) FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [child.id.rawValue]))
            return try SQLiteCaseStore.openSummary(try SQLiteCaseStore.summaryRow(stored), keys: keys)
        }
        #expect(entry.lastContact == team)
        // The police session holds no key to the restricted summary, so it is never opened.
        #expect(throws: StoreError.classNotHeld(.restricted)) {
            try police.read { db, keys in
                let stored = try #require(try Row.fetchOne(
                    db, sql: "SELECT \(SQLiteCaseStore.summaryColumns) FROM summaries WHERE child_id = ? AND class = 'restricted'",
                    arguments: [child.id.rawValue]))
                return try SQLiteCaseStore.openSummary(try SQLiteCaseStore.summaryRow(stored), keys: keys)
            }
        }
    }

    @Test func aSummaryThatDoesNotOpenCostsOnlyThatChildsRecordsAndIsNamed() throws {
        let healthy = try store.loadCaseload()
        try tamper("UPDATE summaries SET payload = (SELECT payload FROM summaries WHERE child_id = ? AND class = 'team') WHERE child_id = ? AND class = 'team'",
                   [other.id.rawValue, child.id.rawValue])
        var loaded = try store.loadCaseload()
        // Read from its records, and marked: a summary the trail did not write cannot be trusted.
        #expect(loaded.untrustedChildren == [child.id])
        loaded.damaged = []
        #expect(loaded == healthy, "the child whose summary does not open is read from its records")
        #expect(try store.verify().problems == [.init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .altered)])
    }

    @Test func aMissingSummaryCostsOnlyThatChildsRecordsAndIsNamed() throws {
        let healthy = try store.loadCaseload()
        let version = try #require(try summaryVersion(child.id, .team))
        try tamper("DELETE FROM summaries WHERE child_id = ?", [child.id.rawValue])
        var loaded = try store.loadCaseload()
        #expect(loaded.untrustedChildren == [child.id])
        loaded.damaged = []
        #expect(loaded == healthy)
        #expect(try store.verify().problems == [.init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .deleted(version: version))])
    }

    @Test func aSummaryRolledBackIsNamed() throws {
        let old = try fixture.raw().read { db in
            try #require(try Row.fetchOne(db, sql: "SELECT * FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [child.id.rawValue]))
        }
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
        try tamper("DELETE FROM summaries WHERE child_id = ? AND class = 'team'", [child.id.rawValue])
        try tamper("INSERT INTO summaries(\(old.columnNames.joined(separator: ", "))) VALUES (\(old.columnNames.map { _ in "?" }.joined(separator: ", ")))",
                   StatementArguments(old.databaseValues))
        let version: Int = old["version"]
        #expect(try store.verify().problems == [
            .init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .rolledBack(stored: version, trail: version + 1)),
        ])
    }

    @Test func aSummaryThatNoLongerSaysWhatTheRecordsSayIsNamed() throws {
        // Written through the store's own path, audited, so only its content is wrong.
        try store.write { db, keys in
            var entry = try #require(try SQLiteCaseStore.caseloadEntries(of: [child.id], .team, db: db, keys: keys)[child.id])
            entry.child?.riskLevel = .low
            let row = try SQLiteCaseStore.writeSummary(entry, of: child.id, .team, at: Samples.now, changeSequence: 0, db: db, keys: keys)
            try store.appendEvent(db, keys: keys, action: .update, summary: "a test summary", rows: [row])
        }
        #expect(try store.loadCaseload().children.first { $0.id == child.id }?.riskLevel == .low, "the caseload shows what it says")
        #expect(try store.verify().problems == [.init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .differs)])
    }

    @Test func aSummaryOfAnotherChildMovedIntoThisOneDoesNotOpen() throws {
        let otherVersion = try #require(try summaryVersion(other.id, .team))
        try tamper("DELETE FROM summaries WHERE child_id = ? AND class = 'team'", [child.id.rawValue])
        try tamper("UPDATE summaries SET child_id = ? WHERE child_id = ? AND class = 'team'", [child.id.rawValue, other.id.rawValue])
        #expect(Set(try store.verify().problems) == [
            .init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .altered),
            .init(kind: "summary", id: "team/\(other.id.rawValue)", reason: .deleted(version: otherVersion)),
        ])
        // The moved payload is sealed to the other child's row, so it does not open as this one's.
        #expect(throws: StoreError.sealBroken(kind: "summary", id: "team/\(child.id.rawValue)")) {
            try store.read { db, keys in
                let stored = try #require(try Row.fetchOne(
                    db, sql: "SELECT \(SQLiteCaseStore.summaryColumns) FROM summaries WHERE child_id = ?", arguments: [child.id.rawValue]))
                return try SQLiteCaseStore.openSummary(try SQLiteCaseStore.summaryRow(stored), keys: keys)
            }
        }
        #expect(try store.loadCaseload().children.map(\.id).sorted { $0.rawValue < $1.rawValue }
                == [child.id, other.id].sorted { $0.rawValue < $1.rawValue }, "both children still load, from their records")
    }
}

/// A summary's bytes give back exactly the entry they were made from.
@Suite struct SummaryCodecTests {
    @Test func everyDemoChildsEntryRoundTrips() throws {
        let demo = DemoGenerator.make(seed: 7, children: 60, now: Samples.now)
        let snapshot = demo.snapshot()
        #expect(snapshot.referrals.count > 5 && !snapshot.episodes.isEmpty && !snapshot.plans.isEmpty && !snapshot.appointments.isEmpty)
        for child in demo.children {
            let id = child.id
            let entry = CaseloadEntry.team(
                child: child, episodes: demo.episodes.filter { $0.child == id }, indicators: demo.indicators.filter { $0.child == id },
                plan: demo.plans.first { $0.child == id }, referrals: demo.referrals.filter { $0.child == id },
                appointments: demo.appointments.filter { $0.child == id }, lastContact: snapshot.lastContact[id])
            #expect(try SummaryCodec.decode(SummaryCodec.encode(entry)) == entry, "\(child.caseNumber)")
        }
    }

    /// One interner per decoding thread, over many summaries: every entry decodes as it would
    /// alone (ids are read straight into their 128 bits, `RecordIDTests`).
    @Test func summariesDecodedWithOneInternerAreTheSame() throws {
        let demo = DemoGenerator.make(seed: 7, children: 60, now: Samples.now)
        var interner = TextInterner()
        for child in demo.children {
            let id = child.id
            let entry = CaseloadEntry.team(
                child: child, episodes: demo.episodes.filter { $0.child == id }, indicators: demo.indicators.filter { $0.child == id },
                plan: demo.plans.first { $0.child == id }, referrals: demo.referrals.filter { $0.child == id },
                appointments: demo.appointments.filter { $0.child == id }, lastContact: nil)
            let decoded = try SummaryCodec.decode(SummaryCodec.encode(entry), interner: &interner)
            #expect(decoded == entry, "\(child.caseNumber)")
        }
    }

    /// Children with the same languages, or the same affiliations, share one list in memory;
    /// every decoded child is still what was encoded, and a list is shared only with an equal one.
    @Test func equalLanguageAndAffiliationListsAreOneListInMemory() throws {
        let demo = DemoGenerator.make(seed: 7, children: 60, now: Samples.now)
        var interner = TextInterner()
        var languages: [[String]: [String]] = [:]
        var affiliations: [[Affiliation]: [Affiliation]] = [:]
        var sharedLanguages = 0, sharedAffiliations = 0
        func storage<Value>(_ list: [Value]) -> UnsafeRawPointer? { list.withUnsafeBytes { $0.baseAddress } }
        // Three communities' offices, as a unit's children share them; every fourth child is left as made.
        let offices = [
            Affiliation(group: .firstNations, community: "Lakeview Test First Nation", representativeContact: "Band office, demo line 555-0142"),
            Affiliation(group: .metis, community: "Northpoint Demo Métis Council", representativeContact: "Council office, demo line 555-0150"),
            Affiliation(group: .inuk, community: "Tundra Example Inuit Community", representativeContact: ""),
        ]
        let children = demo.children.enumerated().map { index, child in
            var child = child
            if index % 4 != 0 { child.indigenousIdentity = .affiliations(Array(offices.prefix(1 + index % 3))) }
            return child
        }
        for child in children {
            let decoded = try #require(try SummaryCodec.decode(SummaryCodec.encode(.team(
                child: child, episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)),
                interner: &interner).child)
            #expect(decoded == ChildSummary(child))
            if let earlier = languages[decoded.languages] {
                if storage(earlier) == storage(decoded.languages) { sharedLanguages += 1 }
            } else if !decoded.languages.isEmpty {
                #expect(!languages.values.contains { storage($0) == storage(decoded.languages) }, "shared only with an equal list")
                languages[decoded.languages] = decoded.languages
            }
            let list = decoded.indigenousIdentity.affiliations
            if let earlier = affiliations[list] {
                if storage(earlier) == storage(list) { sharedAffiliations += 1 }
            } else if !list.isEmpty {
                #expect(!affiliations.values.contains { storage($0) == storage(list) }, "shared only with an equal list")
                affiliations[list] = list
            }
        }
        let repeatedLanguages = children.count - languages.count - children.count { $0.languages.isEmpty }
        #expect(repeatedLanguages > 10 && sharedLanguages == repeatedLanguages)
        let repeatedAffiliations = children.count - affiliations.count - children.count { $0.indigenousIdentity.affiliations.isEmpty }
        #expect(repeatedAffiliations > 5 && sharedAffiliations == repeatedAffiliations, "\(repeatedAffiliations)")
    }

    @Test func unusualValuesRoundTrip() throws {
        var child = Samples.child()
        child.birth = .estimated(years: 15, asOf: DayDate(year: 2026, month: 1, day: 31))
        child.indigenousIdentity = .notDisclosed
        child.whereabouts = .unknown
        child.closure = Closure(on: DayDate(year: 2026, month: 6, day: 1), reason: "test closure")
        let indicators = RiskIndicator.Kind.standard.enumerated().map { index, kind in
            RiskIndicator(child: child.id, kind: kind, observedOn: DayDate(year: 2026, month: 1, day: 1 + index), source: .worker)
        } + [RiskIndicator(child: child.id, kind: .other("ᐊᓂᔑᓈᐯᒧᐎᓐ test words"), observedOn: DayDate(year: 1999, month: 12, day: 31), source: .youth)]
        let entry = CaseloadEntry.team(child: child, episodes: [], indicators: indicators, plan: nil, referrals: [], appointments: [],
                                       lastContact: Date(timeIntervalSince1970: 1_780_000_000.25))
        #expect(try SummaryCodec.decode(SummaryCodec.encode(entry)) == entry)
        #expect(try SummaryCodec.decode(SummaryCodec.encode(.restricted(lastContact: nil))) == .restricted(lastContact: nil))
        #expect(SummaryCodec.indicatorNames.count == RiskIndicator.Kind.standard.count)
    }

    /// Format 2 (issue 20) added a child's profile changes and an episode's contact with the
    /// placement at the end of each: both round-trip, and a format-1 summary (the same bytes
    /// without them) still opens, with neither.
    @Test func profileChangesAndThePlacementContactRoundTripAndAFormatOneSummaryStillOpens() throws {
        var child = Samples.child()
        child.profileChanges = [ProfileChange(fields: ["legal name", "placement"], at: Samples.when, by: WorkerID(rawValue: "w-test"))]
        var episode = Samples.openEpisode(child: child.id)
        episode.placementContact = .init(at: Samples.when.addingTimeInterval(60), note: ContactID(rawValue: "n-test"))
        let full = CaseloadEntry.team(child: child, episodes: [episode], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        #expect(try SummaryCodec.decode(SummaryCodec.encode(full)) == full)
        #expect(SummaryCodec.encode(full).first == SummaryCodec.format)

        // The format-1 bytes of a child: no count of profile changes after the flags, none of
        // format 3's three lifecycle fields and no count of format 4's phone numbers (the
        // entry's six empty fields follow the child).
        child.profileChanges = nil
        let withChild = CaseloadEntry.team(child: child, episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        var old = [UInt8](SummaryCodec.encode(withChild))
        #expect(old[(old.count - 11)..<(old.count - 6)] == [0, 0, 0, 0, 0])
        old.removeSubrange((old.count - 11)..<(old.count - 6))
        old[0] = 1
        #expect(try SummaryCodec.decode(Data(old)) == withChild)
        // ... and of an episode: no placement-contact flag after the vehicle (four empty fields follow).
        episode.placementContact = nil
        let withEpisode = CaseloadEntry(episodes: [episode])
        old = [UInt8](SummaryCodec.encode(withEpisode))
        #expect(old[old.count - 5] == 0)
        old.remove(at: old.count - 5)
        old[0] = 1
        #expect(try SummaryCodec.decode(Data(old)) == withEpisode)
        old[0] = SummaryCodec.format + 1
        #expect(throws: SummaryBytes.Damaged.self) { try SummaryCodec.decode(Data(old)) }
    }

    /// Format 3 (issue 27) added a child's closure request, the time its closure was approved and
    /// its transition plan at the end of the child: all round-trip, and a format-2 summary (the
    /// same bytes without them) still opens, with none.
    @Test func theLifecycleRoundTripsAndAFormatTwoSummaryStillOpens() throws {
        var child = Samples.child()
        child.closureRequest = ClosureRequest(
            reason: ClosureReason(choice: ClosureReason.other, otherWords: "Family asked (test)"), note: "Test note", closeOn: DayDate(year: 2026, month: 6, day: 1),
            requestedBy: WorkerID(rawValue: "w-test"), requestedAt: Samples.when,
            blocks: [.missing(EpisodeID(rawValue: "e-test")), .referral(ReferralID(rawValue: "r-test"), status: .waitlisted)],
            decision: .init(approved: true, by: WorkerID(rawValue: "w-sup"), at: Samples.when.addingTimeInterval(60), comment: "ok (test)", overBlocks: "Moved away (test)"))
        child.closure = Closure(on: DayDate(year: 2026, month: 6, day: 1), reason: "other: Family asked (test)", at: Samples.when.addingTimeInterval(60))
        var plan = TransitionPlan()
        plan.entries[2] = .init(item: .educationOrWork, owner: "the youth", due: DayDate(year: 2026, month: 9, day: 1), state: .underway, detail: "College (test)")
        plan.revision = 4
        plan.updatedBy = WorkerID(rawValue: "w-test")
        plan.updatedAt = Samples.when
        child.transitionPlan = plan
        let full = CaseloadEntry.team(child: child, episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        let decoded = try SummaryCodec.decode(SummaryCodec.encode(full))
        #expect(decoded == full)
        #expect(decoded.child?.transitionPlan == plan && decoded.child?.closedAt == Samples.when.addingTimeInterval(60))

        let plain = CaseloadEntry.team(child: Samples.child(), episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        var old = [UInt8](SummaryCodec.encode(plain))
        #expect(old[(old.count - 10)..<(old.count - 6)] == [0, 0, 0, 0])
        old.removeSubrange((old.count - 10)..<(old.count - 6))
        old[0] = 2
        #expect(try SummaryCodec.decode(Data(old)) == plain)
    }

    /// Format 4 (issue 23) added a child's phone numbers at the end of the child: they
    /// round-trip as typed, and a format-3 summary (the same bytes without them) still opens,
    /// with none.
    @Test func phoneNumbersRoundTripAndAFormatThreeSummaryStillOpens() throws {
        var child = Samples.child()
        child.phones = ["(555) 010-0142", "555.0143 ext. 2 (test)", "ᐊ 555-0144"]
        let full = CaseloadEntry.team(child: child, episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        let decoded = try SummaryCodec.decode(SummaryCodec.encode(full))
        #expect(decoded == full)
        #expect(decoded.child?.phones == child.phones)

        let plain = CaseloadEntry.team(child: Samples.child(), episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        var old = [UInt8](SummaryCodec.encode(plain))
        #expect(old[old.count - 7] == 0, "an empty list of phone numbers, then the entry's six empty fields")
        old.remove(at: old.count - 7)
        old[0] = 3
        #expect(try SummaryCodec.decode(Data(old)) == plain)
        #expect(try SummaryCodec.decode(Data(old)).child?.phones == [])
    }

    /// Format 5 (issue 25) keeps of a safety plan only what the caseload reads: its review date.
    /// A format-4 summary (the whole plan: id, version, child, steps, trusted adults and safe
    /// places before the review date) still opens, cut to the same.
    @Test func aSafetyPlanKeepsItsReviewDateAndAFormatFourSummaryStillOpens() throws {
        let child = Samples.child()
        let plan = SafetyPlan(
            id: SafetyPlanID(rawValue: "p-test"), version: 3, child: child.id, steps: [.init(text: "Call the test worker", owner: "youth")],
            trustedAdults: ["Aunt Testcase"], safePlaces: [], reviewBy: DayDate(year: 2027, month: 1, day: 1))
        let entry = CaseloadEntry.team(child: child, episodes: [], indicators: [], plan: plan, referrals: [], appointments: [], lastContact: nil)
        #expect(entry.plan == SafetyPlanSummary(reviewBy: plan.reviewBy))
        let bytes = [UInt8](SummaryCodec.encode(entry))
        #expect(bytes.first == 5)
        #expect(try SummaryCodec.decode(Data(bytes)) == entry)
        #expect(!bytes.contains(Array("Aunt Testcase".utf8)) && !bytes.contains(Array("p-test".utf8)), "nothing else of the plan")

        // Format 4: the id, version (3, zigzag 6), child and three lists before the review date
        // (its four bytes, then the entry's three empty fields).
        func text(_ value: String) -> [UInt8] { [UInt8(value.utf8.count)] + Array(value.utf8) }
        let lists: [UInt8] = text("p-test") + [6] + text(child.id.rawValue)
            + [1] + text("Call the test worker") + text("youth") + [1] + text("Aunt Testcase") + [0]
        var old = bytes
        old.insert(contentsOf: lists, at: old.count - 7)
        old[0] = 4
        #expect(try SummaryCodec.decode(Data(old)) == entry)
        old[0] = 5
        #expect(throws: SummaryBytes.Damaged.self) { try SummaryCodec.decode(Data(old)) }
    }

    @Test func cutOrExtendedBytesAreRefused() throws {
        let bytes = SummaryCodec.encode(.team(child: Samples.child(), episodes: [], indicators: [], plan: nil, referrals: [], appointments: [],
                                              lastContact: nil))
        for length in [0, 1, bytes.count / 2, bytes.count - 1] {
            #expect(throws: SummaryBytes.Damaged.self) { try SummaryCodec.decode(bytes.prefix(length)) }
        }
        #expect(throws: SummaryBytes.Damaged.self) { try SummaryCodec.decode(bytes + Data([0])) }
    }

    @Test func theCodecComparisonDecodesTheSameSummariesInEveryCodec() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        for sequence in 1...3 { let _: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: sequence))) }
        let figures = try SummaryCodecComparison.measure(store, runs: 1)
        #expect(figures.map(\.codec) == [
            "whole records, JSON (before summaries)", "summaries, JSON", "summaries, binary property list", "summaries, SummaryCodec",
        ])
        #expect(figures.dropFirst().allSatisfy { $0.payloads == 3 && $0.bytes > 0 && $0.decode.count == 1 })
        #expect(figures[3].bytes < figures[1].bytes, "the summary's own bytes are smaller than its JSON")
    }
}
