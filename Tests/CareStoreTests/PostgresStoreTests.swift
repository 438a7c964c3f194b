import CareDomain
import CarePostgres
import Foundation
import Testing

/// What only the PostgreSQL store does: hearing other sessions' changes from the server, keeping
/// nothing in clear there, its trail checked whole, and its address. The behaviour it shares
/// with the other stores is in the contract suites (`StoreKind.postgres`).
@Suite struct PostgresStoreTests {
    static let canaries = [Samples.canary, Samples.syllabics, Samples.community, "Sam Supervisortest", "Casey Protectiontest"]

    private var server: PostgresTestServer { .shared }

    /// Every table of the unit's database as its operator would dump it (`pg_dump`), with the
    /// canaries that show in it in UTF-8 or in `bytea`'s hex.
    private func leaks(in unit: ContractUnit) throws -> [String] {
        let dump = try PostgresTestServer.run(["pg_dump", "-h", server.folder, "-p", String(server.port), "-U", "care", "-d", unit.postgres!.database])
        #expect(dump.contains("CREATE TABLE care_tst.records"))
        return Self.canaries.filter { canary in
            let hex = Data(canary.utf8).map { String(format: "%02x", $0) }.joined()
            return dump.contains(canary) || dump.lowercased().contains(hex)
        }
    }

    @Test func theServerHoldsNoNameOrNoteInClear() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        _ = try unit.protection.perform(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, visibility: .restricted)))
        _ = try unit.protection.perform(.addIndicator(Samples.indicator(child: child.id)))
        _ = try unit.protection.loadDetail(of: child.id, contactLimit: 5)
        #expect(try leaks(in: unit) == [])
    }

    @Test func theCanaryCheckWouldSeeAPlaintextLeak() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        _ = try server.psql(unit.postgres!, "INSERT INTO care_tst.meta(key, value) VALUES ('leak', convert_to('\(Samples.community)', 'UTF8'))")
        #expect(try leaks(in: unit) == [Samples.community])
    }

    @Test func aSaveIsHeardByAnotherSessionWithoutItAskingTheServer() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let listening = try #require(unit.police as? PostgresCaseStore)
        let before = try listening.changeCursor()
        let asked = listening.statementsSent
        let child = try unit.child()
        // The wait is woken by the notification; the deadline only bounds a failure.
        let heard = listening.waitForChange(after: before, until: Date().addingTimeInterval(10))
        #expect(heard != nil && heard! > before)
        #expect(listening.statementsSent == asked)
        #expect(try listening.changeCursor() == heard)
        let batch = try listening.changes(since: before)
        #expect(batch.changes.contains { $0.id == child.id.rawValue })
    }

    @Test func theWholeTrailIsCheckedAndAnEditedEventIsNamed() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        _ = try unit.child()
        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        let intact = try supervisor.verifyAuditChain()
        #expect(intact.isIntact)
        #expect(intact.eventCount == (try unit.auditCount()))
        _ = try server.psql(unit.postgres!, "UPDATE care_tst.audit SET at = at + 1 WHERE seq = 3")
        #expect(try supervisor.verifyAuditChain().firstBreak?.sequence == 3)
    }

    @Test func theCheckWalksTheRecordsAndNamesARowChangedOrDeletedOnTheServer() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        _ = try unit.protection.perform(.addIndicator(Samples.indicator(child: child.id)))
        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        // Records and caseload summaries, both checked against the trail.
        let stored = try #require(Int(try server.psql(
            unit.postgres!, "SELECT (SELECT count(*) FROM care_tst.records) + (SELECT count(*) FROM care_tst.summaries)"
        ).trimmingCharacters(in: .whitespacesAndNewlines)))
        let healthy = try supervisor.verify()
        #expect(healthy.isHealthy)
        #expect(healthy.recordsChecked == stored)
        #expect(healthy.problems.isEmpty)

        // An operator's edit of one child's row, and a deleted indicator, both named by kind and id.
        _ = try server.psql(unit.postgres!, "UPDATE care_tst.records SET updated_at = updated_at + 1 WHERE kind = 'child' AND id = '\(child.id.rawValue)'")
        // psql prints the returned row, then the command's tag.
        let returned = try server.psql(unit.postgres!, "DELETE FROM care_tst.records WHERE kind = 'indicator' RETURNING id, version")
        let indicator = try #require(returned.split(separator: "\n").first).split(separator: "|").map(String.init)
        let report = try supervisor.verify()
        #expect(report.problems == [
            .init(kind: "child", id: child.id.rawValue, reason: .altered),
            .init(kind: "indicator", id: indicator[0], reason: .deleted(version: Int(indicator[1]) ?? -1)),
        ])
        #expect(report.audit.isIntact)
        #expect(!report.isHealthy)
        #expect(report.description.contains("child \(child.id.rawValue): changed outside care"))
    }

    @Test func aCutTrailRefusesTheNextWrite() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        let last = try #require(try unit.lastEvent()).sequence
        _ = try server.psql(unit.postgres!, "DELETE FROM care_tst.audit WHERE seq = \(last)")
        #expect(throws: (any Error).self) { try unit.protection.loadDetail(of: child.id, contactLimit: 5) }
    }

    // MARK: The address

    @Test func anAddressNamesItsUnitAndNeverAPassword() throws {
        let address = try PostgresAddress("postgres://care@db.example.test:5433/units?unit=KEN", environment: [:])
        #expect(address.unit == "KEN" && address.port == 5433 && address.database == "units" && address.user == "care")
        #expect(address.schema == "care_ken")
        #expect(!address.isLocal)
        #expect(throws: (any Error).self) { try PostgresAddress("postgres://care:secret@db.example.test/units?unit=KEN", environment: [:]) }
        #expect(throws: (any Error).self) { try PostgresAddress("postgres://db.example.test/units", environment: [:]) }
        #expect(throws: (any Error).self) { try PostgresAddress("postgres://db.example.test/units?unit=ken;drop", environment: [:]) }
        #expect(try PostgresAddress("postgres://localhost/units?unit=KEN", environment: [:]).isLocal)
        #expect(try PostgresAddress("postgres://127.0.0.1/units?unit=KEN", environment: [:]).isLocal)
    }

    @Test func theServerPasswordComesFromAPasswordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try "other.example.test:*:*:*:not-this-one\ndb.example.test:5432:units:care:pass\\:word\n".write(toFile: file, atomically: true, encoding: .utf8)
        let address = try PostgresAddress("postgres://care@db.example.test/units?unit=KEN", environment: ["PGPASSFILE": file])
        #expect(address.passwordFile == file)
        #expect(try address.serverPassword() == "pass:word")
    }
}
