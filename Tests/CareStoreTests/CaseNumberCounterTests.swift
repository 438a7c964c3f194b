import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Case numbers come from a counter taken inside the transaction that creates the child: two
/// sessions never get the same number, and a store made before the counters seeds them from
/// the children it holds.
@Suite struct CaseNumberCounterTests {
    /// What each thread got, gathered under a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var numbers: [CaseNumber] = []
        private var errors: [String] = []

        func add(_ number: CaseNumber) { lock.withLock { numbers.append(number) } }
        func fail(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
        var all: (numbers: [CaseNumber], errors: [String]) { lock.withLock { (numbers, errors) } }
    }

    @Test func twoSessionsCreatingAtOnceGetDistinctNumbers() throws {
        let fixture = try StoreFixture()
        try fixture.create()
        // Two connections, as two processes on the shared host would have.
        let sessions = [try fixture.open(StoreFixture.protection), try fixture.open(StoreFixture.supervisor)]
        let perSession = 15
        let results = Results()
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        for session in sessions {
            ready.enter()
            done.enter()
            Thread.detachNewThread {
                ready.leave()
                go.wait()
                for _ in 0..<perSession {
                    do {
                        let child: Child = try session.performed(.createChild(Samples.newChild(author: session.worker.id)))
                        results.add(child.caseNumber)
                    } catch {
                        results.fail(error)
                    }
                }
                done.leave()
            }
        }
        // Both threads are at the gate before either starts, so their transactions overlap.
        ready.wait()
        for _ in sessions { go.signal() }
        done.wait()

        let (numbers, errors) = results.all
        #expect(errors == [])
        #expect(numbers.map(\.sequence).sorted() == Array(1...(perSession * sessions.count)))
        #expect(Set(try sessions[0].loadCaseload().children.map(\.caseNumber)).count == perSession * sessions.count)
    }

    @Test func aStoreWithoutCountersSeedsThemFromItsChildren() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create(withTeam: false)
        let author = store.worker.id
        var lastYear = Samples.child(author: author, sequence: 99)
        lastYear.caseNumber = CaseNumber(unit: "TST", year: 2025, sequence: 99)
        var otherUnit = Samples.child(author: author, sequence: 500)
        otherUnit.caseNumber = CaseNumber(unit: "ABC", year: 2026, sequence: 500)
        try store.importRecords([1, 2, 3, 17].map { Samples.child(author: author, sequence: $0) } + [lastYear, otherUnit])
        // As a store written before the counters existed has none.
        try fixture.raw().write { try $0.execute(sql: "DELETE FROM case_counters") }

        let next: Child = try store.performed(.createChild(Samples.newChild(author: author)))
        #expect(next.caseNumber.description == "TST-2026-0018")
        let counters = try fixture.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT unit, year, last FROM case_counters").map { "\($0["unit"] as String) \($0["year"] as Int) \($0["last"] as Int)" }
        }
        #expect(counters == ["TST 2026 18"])
    }

    @Test func anImportMovesTheCounterPastItsNumbers() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create(withTeam: false)
        let author = store.worker.id
        let first: Child = try store.performed(.createChild(Samples.newChild(author: author)))
        #expect(first.caseNumber.sequence == 1)
        try store.importRecords([Samples.child(author: author, sequence: 40)])
        let afterImport: Child = try store.performed(.createChild(Samples.newChild(author: author)))
        #expect(afterImport.caseNumber.sequence == 41)
        // A lower imported number never moves the counter back.
        try store.importRecords([Samples.child(author: author, sequence: 5)])
        let later: Child = try store.performed(.createChild(Samples.newChild(author: author)))
        #expect(later.caseNumber.sequence == 42)
    }
}
