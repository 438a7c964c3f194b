import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Nothing that describes a child reaches the disk in clear: not in the store file, not in the
/// WAL, not in the shared-memory file, while open or after close.
@Suite struct PlaintextCanaryTests {
    static let canaries = [Samples.canary, Samples.syllabics, Samples.community, "Sam Supervisortest"]

    private func leaks(in fixture: StoreFixture) throws -> [String] {
        var found: [String] = []
        for file in StoreLocation(path: fixture.path).allPaths where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for canary in Self.canaries where bytes.range(of: Data(canary.utf8)) != nil {
                found.append("\(canary) in \((file as NSString).lastPathComponent)")
            }
        }
        return found
    }

    @Test func noCanaryOnDiskWhileOpenOrAfterClose() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.save(Samples.child(author: store.worker.id), summary: "opened \(Samples.canary)")
        _ = try store.save(Samples.contact(child: child.id, author: store.worker.id, visibility: .restricted), summary: Samples.syllabics)
        _ = try store.perform(.addIndicator(Samples.indicator(child: child.id)))
        _ = try store.loadDetail(of: child.id, contactLimit: 5)
        // The caseload summaries hold the names, the community and the indicator's words too:
        // they are on disk, sealed, so the scan covers them.
        let summaries = try fixture.raw().read { db in
            try String.fetchAll(db, sql: "SELECT class FROM summaries WHERE child_id = ? ORDER BY class", arguments: [child.id.rawValue])
        }
        #expect(summaries == ["restricted", "team"])
        #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))
        #expect(try leaks(in: fixture) == [])
        try store.close()
        #expect(try leaks(in: fixture) == [])
    }

    @Test func noChildsPhoneNumberOnDiskInTheRecordOrTheCaseloadSummary() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let phone = "(555) 010-0164", digits = PhoneNumber.digits(phone)
        var child = Samples.child(author: store.worker.id)
        child.phones = [phone]
        let saved = try store.save(child, summary: "opened")
        // The summary the caseload filter reads holds the number (sealed), so a reload finds it.
        #expect(try store.loadCaseload().children.first { $0.id == saved.id }?.phones == [phone])
        func leaks() throws -> [String] {
            try StoreLocation(path: fixture.path).allPaths.filter { FileManager.default.fileExists(atPath: $0) }.flatMap { file in
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                return [phone, digits, "010-0164"].filter { bytes.range(of: Data($0.utf8)) != nil }.map { "\($0) in \((file as NSString).lastPathComponent)" }
            }
        }
        #expect(try leaks() == [])
        try store.close()
        #expect(try leaks() == [])
    }

    @Test func noAliasPhoneOrPlateOfAnInvestigationRecordOnDisk() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child = try supervisor.save(Samples.child(author: supervisor.worker.id), summary: "opened")
        let police = try fixture.open(StoreFixture.police)
        let alias = "Vexmoor Aliascanary", phone = "(555) 010-0173", plate = "ZQXW 907", handle = "@canary.handle.test"
        let place = "Canarymotel Fictional", note = "seen with the youth at Canarymotel Fictional"
        let person: PersonOfInterest = try police.performed(.investigation(.savePerson(PersonOfInterest(
            aliases: [alias], phones: [phone], handles: [handle], vehicles: [Vehicle(description: "van", plate: plate)],
            createdBy: police.worker.id, createdAt: Samples.now))))
        let spot: PlaceOfConcern = try police.performed(.investigation(.savePlace(PlaceOfConcern(
            kind: .hotelMotel, name: place, address: "1 Canary Road (fictional)", createdBy: police.worker.id, createdAt: Samples.now))))
        for target in [InvestigationTarget.person(person.id), .place(spot.id)] {
            _ = try police.perform(.investigation(.link(InvestigationLink(
                child: child.id, target: target, date: DayDate(Samples.now, in: police.unitInfo.timeZone), source: .youth, note: note,
                createdBy: police.worker.id, createdAt: Samples.now))))
        }
        let liaison = try fixture.open(StoreFixture.liaison)
        _ = try liaison.perform(.investigation(.reportLead(Lead(
            child: child.id, text: "youth named \(alias), phone \(phone)", source: .youth, reportedBy: liaison.worker.id, reportedAt: Samples.now))))
        _ = try police.investigation(.list)
        _ = try police.investigation(.leads)
        let digits = PhoneNumber.digits(phone), platePacked = Plate.normalized(plate)
        func scan() throws -> [String] {
            var found: [String] = []
            for file in StoreLocation(path: fixture.path).allPaths where FileManager.default.fileExists(atPath: file) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                for canary in [alias, phone, digits, plate, platePacked, handle, place, note] where bytes.range(of: Data(canary.utf8)) != nil {
                    found.append("\(canary) in \((file as NSString).lastPathComponent)")
                }
            }
            return found
        }
        #expect(try scan() == [])
        for store in [police, liaison, supervisor] { try store.close() }
        #expect(try scan() == [])
    }

    @Test func sortsAndTemporaryTablesNeverGoToTempFiles() throws {
        // SQLite may spill a large ORDER BY or GROUP BY into a temp file outside the store's
        // 0600 files; the store keeps them in memory.
        let fixture = try StoreFixture()
        let store = try fixture.create(withTeam: false)
        #expect(try store.read { db, _ in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 2)
    }

    @Test func theCanaryCheckWouldSeeAPlaintextLeak() throws {
        // Guards the test above: the same scan finds a canary written in clear.
        let fixture = try StoreFixture()
        let store = try fixture.create(withTeam: false)
        try fixture.raw().write { db in
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('leak', ?)", arguments: [Samples.community])
        }
        try store.close()
        #expect(try leaks(in: fixture) == ["\(Samples.community) in TST.care"])
    }
}
