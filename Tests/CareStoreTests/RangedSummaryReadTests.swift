import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A large caseload's summaries are read on every core, each range of children through a
/// connection of its own (`RangedSummaryRead`). What it loads must be what one thread's read
/// gives, damage named alike, however the children are split; and a range whose connection sees
/// a later state of the store than the load's must not bring that state in.
@Suite struct RangedSummaryReadTests {
    let fixture: StoreFixture
    let children: [Child]

    init() throws {
        fixture = try StoreFixture()
        let store = try fixture.create()
        children = try (1...12).map { try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: $0))) }
        for (index, child) in children.enumerated() where index % 3 == 0 {
            _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, at: -2 * 86_400)))
        }
        for child in children.prefix(5) {
            _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, at: -3_600, visibility: .restricted)))
        }
        _ = try store.perform(.reportMissing(Samples.openEpisode(child: children[7].id)))
        _ = try store.perform(.addIndicator(Samples.indicator(child: children[3].id)))
    }

    func open(_ account: NewAccount, sharedAbove threshold: Int) throws -> SQLiteCaseStore {
        var options = fixture.options
        options.sharesReadAbove = threshold
        return try SQLiteCaseStore.open(options: options, account: account.accountName, passphrase: account.passphrase)
    }

    /// The children in the order the ranges split them.
    var byID: [Child] { children.sorted { $0.id.rawValue.utf8.lexicographicallyPrecedes($1.id.rawValue.utf8) } }

    @Test(arguments: [StoreFixture.protection, StoreFixture.police, StoreFixture.supervisor])
    func theSharedReadLoadsTheCaseloadOneThreadLoads(account: NewAccount) throws {
        let shared = try open(account, sharedAbove: 1).loadCaseload()
        let single = try open(account, sharedAbove: .max).loadCaseload()
        #expect(shared == single)
        #expect(shared.children.count == children.count)
        #expect(shared.openEpisode(of: children[7].id) != nil)
    }

    @Test(arguments: [StoreFixture.protection, StoreFixture.police])
    func damageIsNamedAlikeWhereverItFallsInTheRanges(account: NewAccount) throws {
        let ordered = byID
        try fixture.raw().write { db in
            // The first and last child's summaries put back at a version no event wrote, one
            // deleted in the middle, one whose payload does not open, one whose version column
            // is not a number.
            for child in [ordered[0], ordered[11]] {
                try db.execute(sql: "UPDATE summaries SET version = version + 1 WHERE child_id = ? AND class = 'team'", arguments: [child.id.rawValue])
            }
            try db.execute(sql: "DELETE FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [ordered[5].id.rawValue])
            try db.execute(sql: "UPDATE summaries SET payload = randomblob(length(payload)) WHERE child_id = ?", arguments: [ordered[6].id.rawValue])
            try db.execute(sql: "UPDATE summaries SET version = 'seven' WHERE child_id = ? AND class = 'team'", arguments: [ordered[8].id.rawValue])
        }
        let shared = try open(account, sharedAbove: 1).loadCaseload()
        let single = try open(account, sharedAbove: .max).loadCaseload()
        #expect(shared.damaged.map(\.id) == single.damaged.map(\.id))
        #expect(shared.untrustedChildren == single.untrustedChildren)
        #expect(shared.children == single.children)
        #expect(shared == single)
        #expect(Set(shared.untrustedChildren).isSuperset(of: [ordered[0].id, ordered[11].id, ordered[5].id]))
        #expect(shared.children.count == children.count, "every child is read, from her records when her summary fails")
        #expect(shared.openEpisode(of: children[7].id) != nil)
    }

    /// The parts of every split, two ranges to more ranges than children, equal one range's.
    @Test(arguments: [2, 3, 5, 12, 20])
    func everySplitReadsWhatOneRangeReads(workers: Int) throws {
        let store = try open(StoreFixture.supervisor, sharedAbove: .max)
        let keys = try store.session.keys()
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE summaries SET version = version + 1 WHERE child_id = ? AND class = 'team'", arguments: [byID[4].id.rawValue])
        }
        try fixture.raw().read { db in
            for visibility in [VisibilityClass.team, .restricted] {
                let whole = try RangedSummaryRead.readRange(.init(), visibility, db: db, keys: keys)
                let sharing = RangedSummaryRead.Sharing(location: store.location, threshold: 1, workers: workers)
                let split = try #require(try RangedSummaryRead.read(visibility, db: db, keys: keys, sharing: sharing))
                #expect(split.chunks.flatMap(\.children) == whole.chunks.flatMap(\.children))
                #expect(split.chunks.flatMap(\.entries) == whole.chunks.flatMap(\.entries))
                #expect(split.unopened == whole.unopened)
                #expect(split.notAsTrailed == whole.notAsTrailed)
            }
        }
    }

    @Test func aRangeWhoseConnectionSeesALaterStoreIsReadOnTheLoadsOwn() throws {
        let store = try open(StoreFixture.protection, sharedAbove: .max)
        let keys = try store.session.keys()
        let writer = try fixture.open(StoreFixture.supervisor)
        let last = byID[11]
        let sharing = RangedSummaryRead.Sharing(location: store.location, threshold: 1, workers: 2)
        let before = try fixture.raw().read { db in try RangedSummaryRead.readRange(.init(), .team, db: db, keys: keys) }
        try fixture.raw().read { db in
            _ = try RangedSummaryRead.readRange(.init(), .team, db: db, keys: keys)
            // The transaction has read (above), so it holds the store as it was. Another session
            // saves a contact of the last child, in the second range, while it is open.
            _ = try writer.perform(.logContact(Samples.contact(child: last.id, author: writer.worker.id, at: -600)))
            let stamp = try CaseloadPrefetch.Stamp.read(db)
            let range = try RangedSummaryRead.ranges(.team, count: children.count, workers: 2, db: db)[1]
            #expect(try RangedSummaryRead.readOnOwnConnection(range, .team, location: store.location, keys: keys, stamp: stamp) == nil)

            let read = try #require(try RangedSummaryRead.read(.team, db: db, keys: keys, sharing: sharing))
            #expect(read.chunks.flatMap(\.entries) == before.chunks.flatMap(\.entries), "the save after the load's transaction began is not in it")
        }
        // Read afresh, the save is there.
        try fixture.raw().read { db in
            let after = try #require(try RangedSummaryRead.read(.team, db: db, keys: keys, sharing: sharing))
            #expect(after.chunks.flatMap(\.children).last == last.id)
            #expect(after.chunks.flatMap(\.entries).last != before.chunks.flatMap(\.entries).last, "the contact moved her last contact")
            #expect(after.chunks.flatMap(\.entries).dropLast() == before.chunks.flatMap(\.entries).dropLast())
        }
    }
}

/// The entries of a class kept beside their children (`ChildEntries`).
@Suite struct ChildEntriesTests {
    @Test(arguments: [Set<Int>(), [0], [4], [0, 1, 2, 3, 4], [1, 3], [9]])
    func removingChildrenKeepsTheRestInOrderWithTheirEntries(removed: Set<Int>) {
        let ids = (0..<5).map { ChildID(rawValue: "child-\($0)-0000-0000-0000-000000000000") }
        var entries = ChildEntries()
        for (index, id) in ids.enumerated() { entries.append(.restricted(lastContact: Date(timeIntervalSince1970: Double(index))), of: id) }
        entries.removeAll(of: Set(removed.map { ChildID(rawValue: "child-\($0)-0000-0000-0000-000000000000") }))
        let kept = ids.indices.filter { !removed.contains($0) }
        #expect(entries.children == kept.map { ids[$0] })
        #expect(entries.entries == kept.map { .restricted(lastContact: Date(timeIntervalSince1970: Double($0))) })
    }
}
