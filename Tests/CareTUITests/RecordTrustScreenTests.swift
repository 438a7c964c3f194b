import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Issue 22, build 5 on the screen: a record whose rows are not what the trail last wrote
/// (`ChildDetail.untrusted`, as `SQLiteCaseStore` reports it when the record opens) is shown with
/// the untrusted words, raises the critical alert, and the child stays on the caseload.
@MainActor
@Suite struct RecordTrustScreenTests {
    final class UntrustedRecordStore: ForwardingStore, @unchecked Sendable {
        var untrusted: ChildID?

        override func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
            var detail = try base.loadDetail(of: child, contactLimit: contactLimit)
            if child == untrusted, let indicator = detail.indicators.first {
                detail.untrusted = [DamagedRecord(kind: RecordKind.indicator.rawValue, id: indicator.recordID, child: child)]
            }
            return detail
        }
    }

    @Test func openingARecordWithARowNotAsTheTrailWroteItWarnsAndRaisesTheCriticalAlert() throws {
        let database = Harness.makeDatabase()
        let reader = try InMemoryCaseStore(database: database, account: "demo-cp", passphrase: Harness.passphrase)
        let snapshot = try reader.loadCaseload()
        let child = try #require(snapshot.children.first { $0.isOpen && !(snapshot.openIndicators[$0.id] ?? []).isEmpty })
        let h = try Harness(database: database, wrap: { base in
            let store = UntrustedRecordStore(base)
            store.untrusted = child.id
            return store
        })
        #expect(!h.dashboard.alerts.contains { $0.rule == .recordUntrusted }, "nothing is known before the record opens")
        h.press(.char("/"))
        h.type(child.caseNumber.description)
        h.press(.enter)
        h.press(.enter)
        #expect(h.detailOpen)
        #expect(h.screen.contains("this child's record cannot be trusted"), "\(h.screen)")
        let alerts = h.dashboard.alerts.filter { $0.rule == .recordUntrusted }
        #expect(alerts.map(\.child) == [child.id] && alerts.allSatisfy { $0.severity == .critical }, "\(alerts)")
        #expect(h.rows.contains { $0.id == child.id }, "the child stays listed")
    }
}
