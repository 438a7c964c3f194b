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
