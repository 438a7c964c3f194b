import CareDomain
import CareStore
import Foundation
import Testing

/// `care investigation export`: one person's links for a police file, from the real binary.
@Suite struct InvestigationExportCommandTests {
    func export(_ demo: (scratch: String, store: String), as user: String, _ more: [String]) throws -> CareRun {
        try CareRun.run([Fixture.careBinary, "investigation", "export", "--store", demo.store, "--as", user, "--passphrase-fd", "3"] + more,
                        inputs: [3: "demo\n"], environment: Fixture.environment(scratch: demo.scratch))
    }

    func demoK(_ store: String) throws -> (person: PersonOfInterest, cases: [String]) {
        let supervisor = try SQLiteCaseStore.open(options: StoreOptions(path: store), account: "demo-supervisor", passphrase: "demo")
        defer { try? supervisor.close() }
        let file = try supervisor.investigation(.list, purpose: .shown)
        let person = try #require(file.persons.first { $0.name == "Demo K. (fictional)" })
        let children = Dictionary(try supervisor.loadCaseload().children.map { ($0.id, $0.caseNumber.description) }, uniquingKeysWith: { a, _ in a })
        return (person, file.activeLinks(to: .person(person.id)).compactMap { children[$0.child] })
    }

    @Test func policeWriteA0600FileWithCaseNumbersAndNoNotesAudited() throws {
        let demo = try DemoTemplate.copy()
        let (person, cases) = try demoK(demo.store)
        let out = demo.scratch + "/demo-k.md"
        let run = try export(demo, as: "demo-police", ["--person", person.id.rawValue, "--format", "markdown", "--out", out])
        #expect(run.succeeded, "\(run)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("# Person of interest: Demo K. (fictional)"), "\(text)")
        #expect(text.contains("(555) 010-0142") && text.contains("DEMO 12X"))
        #expect(cases.count == 4)
        for number in cases { #expect(text.contains("| \(number) |"), "\(number) in the file") }
        for note in ["boyfriend", "Seen together", "Gift card"] { #expect(!text.contains(note), "no link note is written") }
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(!run.stderr.contains("Demo K") && !run.stderr.contains("KEN-"), "nothing about anyone on stderr: \(run.stderr)")

        let again = try export(demo, as: "demo-police", ["--person", person.id.rawValue, "--out", out])
        #expect(!again.succeeded && again.stderr.contains("already"), "an existing file is never replaced: \(again)")

        let json = try export(demo, as: "demo-supervisor", ["--person", person.id.rawValue, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["links"] as? [[String: Any]])?.count == 4, "\(json)")

        let supervisor = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        defer { try? supervisor.close() }
        let exports = try supervisor.audit().filter { $0.action == .export && $0.targetKind == .personOfInterest }
        #expect(exports.count == 2, "each export of the person is audited")
    }

    @Test func aTerminalIsNotGivenThePersonUnlessAskedFor() throws {
        let demo = try DemoFixture()
        let (person, _) = try demoK(demo.store)
        let session = try TmuxSession(
            command: "\(Fixture.careBinary) investigation export --person \(person.id.rawValue) --store \(demo.store) --as demo-police "
                + "--passphrase-fd 3 3<\(demo.passphraseFile)",
            environment: demo.environment)
        let screen = try session.waitFor("CARE-EXITED")
        #expect(screen.contains("or add --to-terminal"), "\(screen)")
        #expect(!screen.contains("(555) 010-0142") && !screen.contains("| Date |"))
    }

    @Test func aChildProtectionWorkerIsRefused() throws {
        let demo = try DemoTemplate.copy()
        let (person, _) = try demoK(demo.store)
        let refused = try export(demo, as: "demo-cp", ["--person", person.id.rawValue])
        #expect(!refused.succeeded && refused.stderr.contains("cannot see persons of interest"), "\(refused)")
        #expect(!refused.stdout.contains("Demo K"))
    }
}
