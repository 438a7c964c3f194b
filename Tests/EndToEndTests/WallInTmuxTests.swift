import CareDomain
import CareStore
import Foundation
import Testing

/// `care handover --wall` on the office screen, with a worker at their own terminal.
@Suite(.serialized)
struct WallInTmuxTests {
    @Test func aMissingEpisodeRecordedInAnotherSessionShowsMaskedOnTheWallWithinThreeSeconds() throws {
        let demo = try DemoFixture()
        let check = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let child = try #require(check.loadCaseload().children.first { $0.caseNumber.description == "KEN-2026-0010" })
        try check.close()

        let wall = try TmuxSession(
            command: "\(Fixture.careBinary) handover --wall --store \(demo.store) --as demo-supervisor --passphrase-fd 3 3<\(demo.passphraseFile)",
            width: 120, height: 50, environment: demo.environment)
        let before = try wall.waitFor(timeout: 60) { $0.contains("Handover (wall: read-only)") && $0.contains("missing now") }
        #expect(!before.contains("\(child.caseNumber) \(child.initials)"))
        #expect(!before.contains(child.legalName))

        let worker = try TmuxSession(command: demo.openCommand(user: "demo-police"), environment: demo.environment)
        try worker.reportMissing("KEN-2026-0010")

        // Within 3 s of the save: a card for the child, by initials and case number only.
        let after = try wall.waitFor(timeout: 3) { $0.contains("\(child.caseNumber) \(child.initials)") }
        #expect(!after.contains(child.legalName), "the wall showed a name")
        #expect(after.contains("Test park (synthetic)"), "the card says where the child was last seen")

        // Keys other than q and M do nothing on the wall; q quits.
        try wall.send("n", "Enter", "H")
        #expect(try wall.capture().contains("Handover (wall: read-only)"))
        try wall.send("q")
        try wall.waitFor("CARE-EXITED 0")
    }
}
