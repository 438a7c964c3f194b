import CareDomain
import CareStore
import Foundation
import Testing

/// `care transfer` from the real binary across two stores: the demo unit (KEN) sends, a second
/// unit (OTH) answers. A rejection and an acceptance come back as answer files; a revoke read by
/// the receiver stops its acceptance; every file is 0600 and the terminal names no one.
@Suite struct ChildTransferCommandTests {
    static let receiver = NewAccount(accountName: "sup.other", displayName: "Oakley Othersupervisor", role: .supervisor,
                                     passphrase: "other unit test passphrase")

    struct Units {
        let demo: DemoFixture
        let other: String
        let otherPassphrase: String

        init() throws {
            demo = try DemoFixture()
            other = demo.scratch + "/OTH.care"
            otherPassphrase = demo.scratch + "/other-pass"
            try (ChildTransferCommandTests.receiver.passphrase + "\n").write(toFile: otherPassphrase, atomically: true, encoding: .utf8)
            try StoreAdmin.create(options: StoreOptions(path: other, kdfCost: .testOnly), unit: "OTH", admin: ChildTransferCommandTests.receiver,
                                  timeZone: .gmt).close()
        }

        func sender(_ arguments: [String]) throws -> CareRun {
            try CareRun.run([Fixture.careBinary, "transfer"] + arguments + ["--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3"],
                            inputs: [3: "demo\n"], environment: demo.environment)
        }

        func receiving(_ arguments: [String]) throws -> CareRun {
            try CareRun.run([Fixture.careBinary, "transfer"] + arguments + ["--store", other, "--as", "sup.other", "--passphrase-fd", "3"],
                            inputs: [3: ChildTransferCommandTests.receiver.passphrase + "\n"], environment: demo.environment)
        }

        func path(_ name: String) -> String { demo.scratch + "/" + name }

        /// The demo's open children not missing and with no transfer, as case numbers.
        func movableChildren() throws -> [(ChildID, String)] {
            let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
            defer { try? store.close() }
            let snapshot = try store.loadCaseload()
            return try snapshot.children.filter { $0.isOpen && snapshot.openEpisode(of: $0.id) == nil && !$0.closurePending }.prefix(8)
                .filter { try store.loadDetail(of: $0.id, contactLimit: 1).child.transferredOut == nil }
                .map { ($0.id, $0.caseNumber.description) }
        }

        func copy(_ id: ChildID) throws -> Child {
            let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
            defer { try? store.close() }
            return try store.loadDetail(of: id, contactLimit: 1).child
        }
    }

    func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }

    @Test func rejectedThenAcceptedTheSendingCopyTurnsReadOnly() throws {
        let units = try Units()
        let key = try units.receiving(["key"])
        #expect(key.succeeded, "\(key)")
        let keyText = try #require(key.stdout.split(separator: "\n").first.map(String.init))
        let (id, number) = try #require(try units.movableChildren().first)
        let name = try units.copy(id).legalName

        let export = try units.sender(["export", "--child", number, "--to", keyText, "--consent", "Youth agreed in person (demo)", "--out", units.path("one.transfer")])
        #expect(export.succeeded && export.stdout.contains("pending"), "\(export)")
        #expect(try units.copy(id).transferredOut?.currentState == .pending && units.copy(id).isOpen)

        let shown = try units.receiving(["import", units.path("one.transfer")])
        #expect(shown.succeeded && shown.stdout.contains(number) && shown.stdout.contains("Nothing was taken in"), "\(shown)")
        let reject = try units.receiving(["import", units.path("one.transfer"), "--reject", "No placement in our area (demo)", "--out", units.path("one.answer")])
        #expect(reject.succeeded && reject.stdout.contains("Rejected"), "\(reject)")
        #expect(try mode(units.path("one.answer")) == 0o600)
        let rejected = try units.sender(["answer", units.path("one.answer")])
        #expect(rejected.succeeded && rejected.stdout.contains("rejected") && !rejected.stdout.contains("No placement"), "\(rejected)")
        #expect(try units.copy(id).transferredOut?.currentState == .rejected && units.copy(id).isOpen)

        _ = try units.sender(["export", "--child", number, "--to", keyText, "--consent", "Youth agreed again (demo)", "--out", units.path("two.transfer")])
        let accept = try units.receiving(["import", units.path("two.transfer"), "--accept", "--out", units.path("two.answer")])
        #expect(accept.succeeded && accept.stdout.contains("OTH-"), "\(accept)")
        let accepted = try units.sender(["answer", units.path("two.answer")])
        #expect(accepted.succeeded && accepted.stdout.contains("read-only"), "\(accepted)")
        let left = try units.copy(id)
        #expect(!left.isOpen && left.transferredOut?.currentState == .accepted)
        for run in [export, shown, reject, rejected, accept, accepted] {
            #expect(!run.stdout.contains(name) && !run.stderr.contains(name), "no name on the terminal")
        }
        // An answer already read is refused in words, changing nothing.
        let again = try units.sender(["answer", units.path("two.answer")])
        #expect(!again.succeeded && again.stderr.contains("accepted already"), "\(again)")
    }

    @Test func aRevokeReadByTheReceiverStopsTheAcceptance() throws {
        let units = try Units()
        let keyText = try #require(try units.receiving(["key"]).stdout.split(separator: "\n").first.map(String.init))
        let (id, number) = try #require(try units.movableChildren().first)
        _ = try units.sender(["export", "--child", number, "--to", keyText, "--consent", "Youth agreed (demo)", "--out", units.path("t.transfer")])
        let revoke = try units.sender(["revoke", "--child", number, "--reason", "Youth moving back home (demo)", "--out", units.path("t.revoke")])
        #expect(revoke.succeeded && revoke.stdout.contains("Revoked"), "\(revoke)")
        #expect(try mode(units.path("t.revoke")) == 0o600)
        #expect(try units.copy(id).transferredOut?.currentState == .revoked)
        let read = try units.receiving(["answer", units.path("t.revoke")])
        #expect(read.succeeded && read.stdout.contains("can no longer be accepted"), "\(read)")
        let accept = try units.receiving(["import", units.path("t.transfer"), "--accept", "--out", units.path("t.answer")])
        #expect(!accept.succeeded && accept.stderr.contains("revoked"), "\(accept)")
        #expect(!FileManager.default.fileExists(atPath: units.path("t.answer")))
        // The sender's own copy of the revoke is no answer it can read.
        let own = try units.sender(["answer", units.path("t.revoke")])
        #expect(!own.succeeded && own.stderr.contains("not to this one"), "\(own)")
    }
}
