import CareDomain
import CarePostgres
import Foundation
import Testing
@testable import CareStore

/// The commands of `care` that used to take a store file only, run as a script runs them
/// against a PostgreSQL store (`--store postgres://…`) and a file alike: the unit's closure
/// reasons and an investigation export work on both; transfers and key rotation are refused on
/// a server in words, before anything is asked or read, as is every command that takes a file only.
@Suite struct StoreCommandsOnPostgresTests {
    private static func running(_ kind: StoreKind, _ test: String) -> Bool {
        kind != .postgres || PostgresTestServer.shared.isRunning(for: test)
    }

    private static func signedIn(_ unit: ContractUnit, _ account: NewAccount) -> [String] {
        ["--store", unit.location, "--as", account.accountName, "--passphrase-fd", "0"]
    }

    @Test(arguments: [StoreKind.postgres, .sqlite])
    func closureReasonsAreSetAndListedOnTheCommandLine(_ kind: StoreKind) throws {
        guard Self.running(kind, #function) else { return }
        let unit = try ContractUnit(kind)
        let set = try CareCommandRun.care(
            ["unit", "closure-reasons", "set", "moved to Example City (test)", "located and stable"]
                + Self.signedIn(unit, StoreFixture.supervisor), passphrase: StoreFixture.supervisor.passphrase)
        #expect(set.succeeded, "\(set)")
        #expect(set.stdout.contains("Saved 3 closure reasons"))

        let reasons = ["moved to Example City (test)", "located and stable", ClosureReason.other]
        let list = try CareCommandRun.care(
            ["unit", "closure-reasons", "list"] + Self.signedIn(unit, StoreFixture.protection), passphrase: StoreFixture.protection.passphrase)
        #expect(list.succeeded, "\(list)")
        #expect(list.stdout.split(separator: "\n").map(String.init) == reasons)
        // What the command saved is what every session of the unit reads.
        #expect(try unit.police.loadCaseload().closureReasons == reasons)
        let saves = try unit.supervisor.auditEvents(child: nil, actor: nil, since: nil).filter { $0.summary.hasPrefix("closure reasons saved") }
        #expect(saves.map(\.summary) == ["closure reasons saved (3 reasons)"] && saves.first?.actor == unit.supervisor.worker.id)

        let refused = try CareCommandRun.care(
            ["unit", "closure-reasons", "set", "declined service"] + Self.signedIn(unit, StoreFixture.protection),
            passphrase: StoreFixture.protection.passphrase)
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains("Only a supervisor can change the unit's closure reasons"), "\(refused)")
        #expect(try unit.police.loadCaseload().closureReasons == reasons)
    }

    @Test(arguments: [StoreKind.postgres, .sqlite])
    func anInvestigationExportIsWrittenAndAudited(_ kind: StoreKind) throws {
        guard Self.running(kind, #function) else { return }
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let person: PersonOfInterest = try unit.police.performed(.investigation(.savePerson(PersonOfInterest(
            aliases: ["Quillon Testalias"], createdBy: unit.police.worker.id, createdAt: Samples.now))))
        _ = try unit.police.perform(.investigation(.link(InvestigationLink(
            child: child.id, target: .person(person.id), date: DayDate(Samples.now, in: unit.police.unitInfo.timeZone), source: .police,
            createdBy: unit.police.worker.id, createdAt: Samples.now))))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-export-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("person.json").path
        let before = try unit.auditCount()

        let run = try CareCommandRun.care(
            ["investigation", "export", "--person", person.id.rawValue, "--format", "json", "--out", out]
                + Self.signedIn(unit, StoreFixture.police), passphrase: StoreFixture.police.passphrase)
        #expect(run.succeeded, "\(run)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("Quillon Testalias") && written.contains(child.caseNumber.description))
        #expect(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int == 0o600)
        let exports = try unit.supervisor.auditEvents(child: nil, actor: nil, since: nil).dropFirst(before).filter { $0.action == .export }
        #expect(exports.map(\.targetKind) == [.personOfInterest, .investigationLink])
        #expect(exports.allSatisfy { $0.actor == unit.police.worker.id })
    }

    /// No server is needed: the refusal comes before any connection, passphrase or file.
    @Test func transfersAndKeyRotationAreRefusedInWordsOnAPostgresStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-refusal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.json").path
        let server = ["--store", "postgres://care@localhost/care_nothing?unit=TST", "--as", StoreFixture.supervisor.accountName, "--passphrase-fd", "0"]
        let commands: [(words: String, arguments: [String])] = [
            ("Printing the unit's transfer key (care transfer key)", ["transfer", "key"]),
            ("Moving a child to another unit (care transfer export)",
             ["transfer", "export", "--child", "TST-2026-0042", "--to", "a key", "--consent", "youth agreed (test)", "--out", out]),
            ("Taking in a transferred child (care transfer import)", ["transfer", "import", folder.appendingPathComponent("in.json").path]),
            ("Revoking a transfer (care transfer revoke)", ["transfer", "revoke", "--child", "TST-2026-0042", "--reason", "test", "--out", out]),
            ("Reading a transfer answer (care transfer answer)", ["transfer", "answer", folder.appendingPathComponent("answer.json").path]),
            ("Replacing a class key (care keys rotate)", ["keys", "rotate", "team"]),
            // Any other command that takes a store file only says the same, not "no store found".
            ("This command", ["audit"]),
            ("This command", ["export", "--out", out]),
        ]
        for (words, arguments) in commands {
            let run = try CareCommandRun.care(arguments + server, passphrase: StoreFixture.supervisor.passphrase)
            #expect(run.exitCode != 0, "\(arguments): \(run)")
            #expect(run.stderr.contains("\(words) is not yet available on a PostgreSQL store"), "\(arguments): \(run)")
            #expect(!run.stderr.contains("Passphrase"), "nothing was asked")
            #expect(!FileManager.default.fileExists(atPath: out), "nothing was written")
        }
    }
}
