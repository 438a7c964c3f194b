import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The dashboard's sign-in reads the sealed summaries while the passphrase's key is derived
/// (`CaseloadPrefetch`). The caseload it loads from them must be the one a plain read gives,
/// damage named the same, and a change made between the read and the load must not be missed.
@Suite struct CaseloadPrefetchTests {
    let fixture: StoreFixture
    let children: [Child]

    init() throws {
        fixture = try StoreFixture()
        let store = try fixture.create()
        children = try (1...6).map { try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: $0))) }
        for child in children.prefix(3) {
            _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, at: -2 * 86_400)))
        }
        _ = try store.perform(.reportMissing(Samples.openEpisode(child: children[4].id)))
    }

    func open(_ account: NewAccount, ahead: Bool) throws -> SQLiteCaseStore {
        var options = fixture.options
        options.readsCaseloadAhead = ahead
        return try SQLiteCaseStore.open(options: options, account: account.accountName, passphrase: account.passphrase)
    }

    @Test(arguments: [StoreFixture.protection, StoreFixture.police, StoreFixture.supervisor])
    func theCaseloadReadAheadIsTheCaseloadAPlainReadGives(account: NewAccount) throws {
        // A summary no event wrote and one deleted: named alike on both paths.
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE summaries SET version = version + 1 WHERE child_id = ? AND class = 'team'", arguments: [children[1].id.rawValue])
            try db.execute(sql: "DELETE FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [children[2].id.rawValue])
        }
        let ahead = try open(account, ahead: true)
        let read = try ahead.loadCaseload()
        #expect(ahead.prefetch?.outcome == .used)
        let plain = try open(account, ahead: false)
        #expect(plain.prefetch == nil)
        #expect(read == (try plain.loadCaseload()))
        #expect(Set(read.untrustedChildren) == [children[1].id, children[2].id])
        #expect(read.openEpisode(of: children[4].id) != nil)
        // Taken once: the next load reads the store as usual.
        #expect(try ahead.loadCaseload() == read)
    }

    @Test func aSaveBetweenTheReadAheadAndTheLoadIsNotMissed() throws {
        let ahead = try open(StoreFixture.protection, ahead: true)
        let other = try fixture.open(StoreFixture.supervisor)
        // A contact changes a summary the read ahead holds (and checked against the trail then).
        _ = try other.perform(.logContact(Samples.contact(child: children[5].id, author: other.worker.id, at: -3_600)))
        let read = try ahead.loadCaseload()
        #expect(ahead.prefetch?.outcome == .stale)
        #expect(read.lastContact[children[5].id] != nil)
        #expect(read == (try fixture.open(StoreFixture.protection).loadCaseload()))
    }

    @Test func aCaseloadOverTheLimitIsNotReadAhead() throws {
        // The limit keeps the sealed rows of a large caseload from being held whole.
        let location = StoreLocation(path: fixture.path)
        let over = CaseloadPrefetch.start(location, account: StoreFixture.protection.accountName, rowLimit: children.count - 1)
        #expect(over.take() == nil)
        #expect(over.outcome == .nothingRead)
        let within = CaseloadPrefetch.start(location, account: StoreFixture.protection.accountName, rowLimit: children.count * 2)
        let read = try #require(within.take())
        #expect(read.classes[.team]?.rows.count == children.count)
        #expect(within.take() == nil, "taken once")
    }

    @Test func rowsReadAheadAreHandedOutABatchAtATimeInTheirOrder() {
        let batches = RowBatches()
        let total = 2 * ParallelOpening.batch + 5
        for index in 0..<total {
            batches.append(RecordRow(kind: "summary", id: "team/\(index)", childID: "\(index)", version: 1, sortAt: nil, updatedAt: 0,
                                     changeSequence: 0, visibility: .team, payload: Data()))
        }
        #expect(batches.count == total)
        var seen: [String] = []
        var sizes: [Int] = []
        while let batch = batches.takeBatch() {
            sizes.append(batch.count)
            seen += batch.map(\.id)
        }
        #expect(sizes == [ParallelOpening.batch, ParallelOpening.batch, 5])
        #expect(seen == (0..<total).map { "team/\($0)" })
        #expect(batches.count == 0 && batches.takeBatch() == nil)
    }
}
