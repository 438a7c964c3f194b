import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A whole generated demo unit written to disk leaves no child's name, community or note in
/// clear: not in the `.care` file, its `-wal` or its `-shm`, while a session is open or after it
/// closes. The hand-written canary test checks a few strings; this one checks every name the
/// generator made, in ASCII, accented Latin and Canadian Aboriginal Syllabics.
@Suite struct DemoStoreCanaryTests {
    /// The store on disk, its folder removed when the value goes away.
    final class DemoOnDisk {
        let folder: URL
        let path: String
        let unit: DemoUnit

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-demo-canary-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("demo.care").path
            unit = DemoGenerator.make(seed: 3, children: 40, now: Date(timeIntervalSince1970: 1_780_000_000))
            try DemoStore.create(unit, at: path, passphrase: "demo", kdfCost: .testOnly)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        var options: StoreOptions { StoreOptions(path: path, kdfCost: .testOnly) }

        /// The store file and whichever of its SQLite companions exist now, with their bytes.
        func files() throws -> [(name: String, bytes: Data)] {
            try StoreLocation(path: path).allPaths.filter { FileManager.default.fileExists(atPath: $0) }.map {
                (($0 as NSString).lastPathComponent, try Data(contentsOf: URL(fileURLWithPath: $0)))
            }
        }
    }

    /// The strings that must never be on disk in clear, as the generator made them.
    static func secrets(of unit: DemoUnit) -> [String] {
        var strings: [String] = []
        for child in unit.children {
            strings.append(child.legalName)
            if !child.preferredName.isEmpty { strings.append(child.preferredName) }
            strings += child.indigenousIdentity.affiliations.map(\.community)
            strings += child.phones ?? []
        }
        // Contact summaries repeat across children; each distinct one once, in first-seen order.
        var seen: Set<String> = []
        strings += unit.contacts.map(\.summary).filter { seen.insert($0).inserted }
        var unique: Set<String> = []
        return strings.filter { !$0.isEmpty && unique.insert($0).inserted }
    }

    /// The byte pattern to look for. A name shorter than 8 bytes (a first name like "Kai") would
    /// also turn up by chance in a megabyte of ciphertext (about one in sixteen for 3 bytes), so
    /// it is looked for as it would sit in a leaked JSON record, between quotes.
    static func pattern(for secret: String) -> Data {
        let bytes = Data(secret.utf8)
        return bytes.count >= 8 ? bytes : Data("\"\(secret)\"".utf8)
    }

    static func leaks(of secrets: [String], in files: [(name: String, bytes: Data)]) -> [String] {
        var found: [String] = []
        for file in files {
            for secret in secrets where file.bytes.range(of: pattern(for: secret)) != nil {
                found.append("\(secret) in \(file.name)")
            }
        }
        return found
    }

    @Test func theDemosPendingTransferHasARealKeySoItCanBeRevoked() throws {
        let demo = try DemoOnDisk()
        let store = try SQLiteCaseStore.open(options: demo.options, account: "demo-supervisor", passphrase: "demo")
        defer { try? store.close() }
        let generated = try #require(demo.unit.children.first { $0.transferredOut != nil })
        let stored = try store.loadDetail(of: generated.id, contactLimit: 1).child
        let transfer = try #require(stored.transferredOut)
        let key = try TransferKey(text: try #require(transfer.toKey))
        #expect(key.unit == DemoUnit.neighbouringUnit && key.fingerprint == transfer.toAuthority && transfer.currentState == .pending)
        let revoke = try store.revokeTransfer(caseNumber: stored.caseNumber, reason: "Youth staying after all (demo)")
        #expect(revoke.to == key.fingerprint)
        #expect(try store.loadDetail(of: generated.id, contactLimit: 1).child.transferredOut?.currentState == .revoked)
    }

    @Test func theDemoUnitHasEveryKindOfNameTheScanMustCover() throws {
        // Guards the scan below against a generator change that quietly drops a script.
        let demo = try DemoOnDisk()
        let names = demo.unit.children.flatMap { [$0.legalName, $0.preferredName] }
        #expect(names.contains { $0.unicodeScalars.contains { (0x1400...0x167F).contains($0.value) } }, "Syllabics")
        #expect(names.contains { $0.unicodeScalars.contains { (0xC0...0x17F).contains($0.value) } }, "accented Latin")
        #expect(names.contains { !$0.isEmpty && $0.allSatisfy(\.isASCII) }, "ASCII")
        #expect(!demo.unit.children.flatMap(\.indigenousIdentity.affiliations).isEmpty)
        #expect(demo.unit.children.contains { !($0.phones ?? []).isEmpty }, "phone numbers")
        #expect(Self.secrets(of: demo.unit).count > 40)
    }

    @Test func noChildNameCommunityOrNoteIsOnDiskWhileOpenOrAfterClose() throws {
        let demo = try DemoOnDisk()
        let secrets = Self.secrets(of: demo.unit)

        #expect(Self.leaks(of: secrets, in: try demo.files()) == [], "after the demo was written")

        let store = try SQLiteCaseStore.open(options: demo.options, account: "demo-cp", passphrase: "demo")
        let caseload = try store.loadCaseload()
        for child in caseload.children.prefix(5) { _ = try store.loadDetail(of: child.id, contactLimit: 20) }
        let whileOpen = try demo.files()
        // The session's login event sits in the WAL: the open-session scan reads a live WAL.
        #expect(whileOpen.contains { $0.name.hasSuffix("-wal") && !$0.bytes.isEmpty })
        #expect(Self.leaks(of: secrets, in: whileOpen) == [], "while a session is open")

        try store.close()
        #expect(Self.leaks(of: secrets, in: try demo.files()) == [], "after close")
    }

    @Test func theScanFindsAccountNamesThatAreOnDiskInClear() throws {
        // Positive control: account names are stored in clear by design (the login list needs
        // them), so the same scan must find them, in the WAL while open and in the file after
        // close; otherwise the test above could pass on a file it cannot read.
        let demo = try DemoOnDisk()
        let clear = ["demo-supervisor", "demo-liaison", "demo-police"]
        let store = try SQLiteCaseStore.open(options: demo.options, account: "demo-cp", passphrase: "demo")
        #expect(Set(Self.leaks(of: clear, in: try demo.files()).map { $0.components(separatedBy: " in ")[0] }) == Set(clear))
        try store.close()
        #expect(Self.leaks(of: clear, in: try demo.files()) == clear.map { "\($0) in demo.care" })
    }

    @Test func theScanFindsAChildsNamesWrittenInClear() throws {
        // Positive control for the names themselves: a short preferred name as a leaked JSON
        // record would hold it, and a Syllabics name as bare text, planted in `meta`.
        let demo = try DemoOnDisk()
        let short = try #require(demo.unit.children.map(\.preferredName).filter { !$0.isEmpty }.min { $0.utf8.count < $1.utf8.count })
        let syllabics = try #require(demo.unit.children.map(\.preferredName).first {
            $0.unicodeScalars.contains { (0x1400...0x167F).contains($0.value) }
        })
        let planted = [short, syllabics]
        var config = Configuration()
        config.busyMode = .timeout(5)
        let raw = try DatabaseQueue(path: demo.path, configuration: config)
        try raw.write { db in
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('leak1', ?)", arguments: ["{\"preferredName\":\"\(short)\"}"])
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('leak2', ?)", arguments: [syllabics])
        }
        try raw.close()
        let found = Self.leaks(of: planted, in: try demo.files()).map { $0.components(separatedBy: " in ")[0] }
        #expect(Set(found) == Set(planted))
    }
}
