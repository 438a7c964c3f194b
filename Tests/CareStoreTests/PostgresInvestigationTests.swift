import CareDomain
import CarePostgres
import CareStore
import Foundation
import Testing

/// Investigation records as the server's operator sees them: rows of the `investigation` class
/// with no child in their clear columns, a liaison's lead sealed to the police's drop, and none
/// of their words in a `pg_dump`. Their behaviour through the port is `InvestigationContractTests`.
@Suite struct PostgresInvestigationTests {
    private var server: PostgresTestServer { .shared }

    @Test func investigationRecordsAreSealedOnTheServerAndALiaisonsLeadGoesToTheDrop() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        let alias = "Quillon Testalias"
        let text = "Youth mentioned a grey van near the test arena (test)."
        _ = try unit.police.perform(.investigation(.savePerson(PersonOfInterest(
            aliases: [alias], phones: ["(555) 010-0142"], createdBy: unit.police.worker.id, createdAt: Samples.now))))
        _ = try unit.liaison.perform(.investigation(.reportLead(Lead(
            child: child.id, text: text, source: .youth, reportedBy: unit.liaison.worker.id, reportedAt: Samples.now))))

        let address = try #require(unit.postgres)
        let rows = try server.psql(address, """
            SELECT kind || '|' || class || '|' || seal || '|' || (child_id IS NULL) FROM care_tst.records
            WHERE kind IN ('person-of-interest', 'lead') ORDER BY kind
            """).split(separator: "\n").map(String.init)
        // The police's own record under the investigation key (seal 2); the liaison's lead, whose
        // author holds no such key, to the drop (seal 3). Neither names the child in clear.
        #expect(rows == ["lead|investigation|3|true", "person-of-interest|investigation|2|true"])
        #expect(try server.psql(address, "SELECT count(*) FROM care_tst.meta WHERE key = 'lead_drop_key'")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        let dump = try PostgresTestServer.run(["pg_dump", "-h", server.folder, "-p", String(server.port), "-U", "care", "-d", address.database])
        for canary in [alias, "010-0142", "grey van"] {
            let hex = Data(canary.utf8).map { String(format: "%02x", $0) }.joined()
            #expect(!dump.contains(canary) && !dump.lowercased().contains(hex), "\(canary) is in the server's tables in clear")
        }
    }

    @Test func aLeadCannotBeSealedBeforeThePoliceKeyIsPublishedAndAPoliceSignInPublishesIt() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        func report() throws -> CommandOutcome {
            try unit.protection.perform(.investigation(.reportLead(Lead(
                child: child.id, text: "test lead", source: .worker, reportedBy: unit.protection.worker.id, reportedAt: Samples.now))))
        }
        _ = try server.psql(try #require(unit.postgres), "DELETE FROM care_tst.meta WHERE key = 'lead_drop_key'")
        let footprint = try unit.footprint()
        #expect(throws: StoreError.self) { try report() }
        #expect(try unit.footprint() == footprint)
        // The next sign-in of someone who holds the investigation key publishes it again.
        _ = try unit.signIn(StoreFixture.police)
        #expect(try report().saved.count == 1)
    }
}
