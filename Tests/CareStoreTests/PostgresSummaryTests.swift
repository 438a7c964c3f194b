import CareDomain
import CarePostgres
import Foundation
import Testing
@testable import CareStore

/// The caseload summaries on the server: written with every command that changes a child, read
/// by the caseload instead of every record, checked by `care check`, made at a sign-in for a
/// store that has none, and carried by `care migrate` so a SQLite store and its copy on the
/// server load the same caseload after the same commands.
@Suite struct PostgresSummaryTests {
    private var server: PostgresTestServer { .shared }

    private func count(_ unit: ContractUnit, _ sql: String) throws -> Int {
        Int(try server.psql(unit.postgres!, sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func eachCommandRewritesTheChildsSummaryInItsOwnTransactionAndEvent() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        var child = try unit.child()
        #expect(try count(unit, "SELECT version FROM care_tst.summaries WHERE class = 'team' AND child_id = '\(child.id.rawValue)'") == 1)
        child.placement = "Test placement on the server"
        child = try unit.protection.performed(.updateChild(child))
        _ = try unit.protection.perform(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, visibility: .restricted)))
        #expect(try count(unit, "SELECT version FROM care_tst.summaries WHERE class = 'team' AND child_id = '\(child.id.rawValue)'") == 2)
        #expect(try count(unit, "SELECT version FROM care_tst.summaries WHERE class = 'restricted' AND child_id = '\(child.id.rawValue)'") == 1)
        // The restricted note's event lists the record and the summary it changed, nothing else.
        #expect(try count(unit, """
            SELECT count(*) FROM care_tst.audit_rows WHERE kind = 'summary' AND id = 'restricted/\(child.id.rawValue)'
            AND seq = (SELECT max(seq) FROM care_tst.audit)
            """) == 1)
        #expect(try count(unit, "SELECT count(*) FROM care_tst.audit_rows WHERE seq = (SELECT max(seq) FROM care_tst.audit)") == 2)
        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        let report = try supervisor.verify()
        #expect(report.isHealthy, "\(report)")
        #expect(report.problems.isEmpty)
    }

    @Test func theCaseloadOpensTheSummariesAndATamperedOneIsNamedAndReadFromTheRecords() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        let other = try unit.child(sequence: 43)
        _ = try unit.protection.perform(.addIndicator(Samples.indicator(child: child.id)))
        let before = try unit.police.loadCaseload()
        #expect(before.damaged.isEmpty)
        #expect(before.openIndicators[child.id]?.count == 1)

        // An operator gives the child the other child's sealed summary: it still opens (under the
        // same key), but it is not the one the trail wrote for this child.
        _ = try server.psql(unit.postgres!, """
            UPDATE care_tst.summaries s SET payload = o.payload FROM care_tst.summaries o
            WHERE s.class = 'team' AND s.child_id = '\(child.id.rawValue)' AND o.class = 'team' AND o.child_id = '\(other.id.rawValue)'
            """)
        let after = try unit.police.loadCaseload()
        #expect(after.damaged == [DamagedRecord(kind: "summary", id: "team/\(child.id.rawValue)", child: child.id)])
        // What the records say, not what the foreign summary would.
        #expect(after.children == before.children)
        #expect(after.openIndicators == before.openIndicators)
        let patch = try unit.police.loadPatch(children: [child.id], catalogue: false)
        #expect(patch.part.children.map(\.id) == [child.id])
        #expect(patch.part.damaged.map(\.id) == ["team/\(child.id.rawValue)"])

        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        let report = try supervisor.verify()
        #expect(report.problems == [.init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .altered)])
        #expect(!report.isHealthy)
    }

    @Test func aSummaryDeletedOnTheServerIsNamedByTheCheck() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        _ = try server.psql(unit.postgres!, "DELETE FROM care_tst.summaries WHERE child_id = '\(child.id.rawValue)'")
        let caseload = try unit.protection.loadCaseload()
        #expect(caseload.children.map(\.id) == [child.id], "the child is read from its records")
        #expect(caseload.damaged.map(\.id) == ["team/\(child.id.rawValue)"])
        let report = try #require(unit.supervisor as? PostgresCaseStore).verify()
        #expect(report.problems == [.init(kind: "summary", id: "team/\(child.id.rawValue)", reason: .deleted(version: 1))])
    }

    @Test func aStoreOnTheServerWithoutSummariesGetsThemAtTheNextSignIn() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        // As a store made on the server before it kept summaries: none kept, none written.
        _ = try server.psql(unit.postgres!, "DELETE FROM care_tst.meta WHERE key = 'summaries'")
        let child = try unit.child()
        _ = try unit.protection.perform(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, visibility: .restricted)))
        #expect(try count(unit, "SELECT count(*) FROM care_tst.summaries") == 0)
        let fromRecords = try unit.protection.loadCaseload()
        #expect(fromRecords.children.map(\.id) == [child.id])

        let again = try unit.signIn(StoreFixture.supervisor)
        #expect(try count(unit, "SELECT count(*) FROM care_tst.summaries") == 2)
        #expect(try unit.supervisor.auditEvents(child: nil, actor: nil, since: nil).contains {
            $0.summary.hasPrefix("made the caseload summaries") && $0.summary.hasSuffix("of 1 children")
        })
        #expect(try again.loadCaseload() == (try unit.supervisor.loadCaseload()))
        #expect(try unit.protection.loadCaseload() == fromRecords)
        let report = try #require(again as? PostgresCaseStore).verify()
        #expect(report.isHealthy, "\(report)")
    }

    @Test func aSQLiteStoreAndItsCopyOnTheServerLoadTheSameCaseloadAfterTheSameCommands() throws {
        guard server.isRunning(for: #function) else { return }
        let fixture = try StoreFixture()
        let sqlite = try fixture.create()
        let protection = try fixture.open(StoreFixture.protection)
        let child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id)), as: Child.self)
        _ = try protection.perform(.addIndicator(Samples.indicator(child: child.id)))
        _ = try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 60, visibility: .restricted)))

        let address = try server.newAddress()
        defer { server.drop(address) }
        let report = try PostgresMigration.migrate(try StoreAdmin.tables(options: fixture.options), to: address)
        #expect(report.isSound, "\(report)")
        #expect(report.copied.first { $0.table == "summaries" }?.rows == 2)
        let options = PostgresCaseStore.Options(address: address, kdfCost: .testOnly, clock: FixedClock(Samples.now), listens: false)
        func onServer(_ account: NewAccount) throws -> PostgresCaseStore {
            try PostgresCaseStore.open(options: options, account: account.accountName, passphrase: account.passphrase)
        }
        let pairs: [(any CaseStore, any CaseStore)] = [
            (sqlite, try onServer(StoreFixture.supervisor)), (protection, try onServer(StoreFixture.protection)),
            (try fixture.open(StoreFixture.police), try onServer(StoreFixture.police)),
            (try fixture.open(StoreFixture.liaison), try onServer(StoreFixture.liaison)),
        ]
        for (file, copy) in pairs { #expect(try file.loadCaseload() == (try copy.loadCaseload()), "\(file.worker.role) after the copy") }

        // The same commands with the same records, on both.
        let (fileCP, copyCP) = pairs[1]
        let (filePolice, copyPolice) = pairs[2]
        func both(_ file: any CaseStore, _ copy: any CaseStore, _ command: CaseCommand) throws {
            _ = try file.perform(command)
            _ = try copy.perform(command)
        }
        var edited = try fileCP.loadDetail(of: child.id, contactLimit: 1).child
        _ = try copyCP.loadDetail(of: child.id, contactLimit: 1)
        edited.placement = "Test placement after the move"
        try both(fileCP, copyCP, .updateChild(edited))
        try both(fileCP, copyCP, .createChild(Samples.newChild(author: protection.worker.id, sequence: 0)))
        try both(filePolice, copyPolice, .reportMissing(Samples.openEpisode(child: child.id)))
        try both(fileCP, copyCP, .saveSafetyPlan(Samples.plan(child: child.id)))
        try both(fileCP, copyCP, .saveAppointment(Samples.appointment(child: child.id)))
        try both(fileCP, copyCP, .logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 3600)))
        try both(fileCP, copyCP, .logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 7200, visibility: .restricted)))

        for (file, copy) in pairs {
            let caseload = try file.loadCaseload()
            #expect(caseload == (try copy.loadCaseload()), "\(file.worker.role) after the same commands")
            #expect(caseload.children.count == 2)
            #expect(caseload.damaged.isEmpty)
        }
        let check = try #require(pairs[0].1 as? PostgresCaseStore).verify()
        #expect(check.isHealthy, "\(check)")
        #expect(try sqlite.verify().isHealthy)
    }
}
