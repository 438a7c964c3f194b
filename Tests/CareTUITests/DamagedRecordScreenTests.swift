import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Records that do not open, as a store reports them (`CaseloadSnapshot.damaged`): the caseload
/// shows them as damaged and everything else as usual, so one bad row locks nobody out.
@MainActor
@Suite struct DamagedRecordScreenTests {
    /// A store whose file damaged one child's own record and another child's indicator: they
    /// come back as `DamagedRecord`s instead of records, as `SQLiteCaseStore` reports them.
    final class DamagingStore: ForwardingStore, @unchecked Sendable {
        var unreadableChild: ChildID?
        var unreadableIndicatorOf: ChildID?

        override func loadCaseload() throws -> CaseloadSnapshot {
            var snapshot = try base.loadCaseload()
            if let id = unreadableChild {
                snapshot.children.removeAll { $0.id == id }
                snapshot.damaged.append(DamagedRecord(kind: RecordKind.child.rawValue, id: id.rawValue, child: id))
            }
            if let id = unreadableIndicatorOf, let indicator = snapshot.openIndicators[id]?.first {
                snapshot.openIndicators[id]?.removeFirst()
                snapshot.damaged.append(DamagedRecord(kind: RecordKind.indicator.rawValue, id: indicator.id.rawValue, child: id))
            }
            return snapshot
        }

        override func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
            var detail = try base.loadDetail(of: child, contactLimit: contactLimit)
            if child == unreadableIndicatorOf, let indicator = detail.indicators.first {
                detail.indicators.removeFirst()
                detail.damaged = [DamagedRecord(kind: RecordKind.indicator.rawValue, id: indicator.recordID, child: child)]
            }
            return detail
        }
    }

    func harness() throws -> (Harness, damagedChild: ChildSummary, withDamagedIndicator: ChildSummary) {
        let database = Harness.makeDatabase()
        let reader = try InMemoryCaseStore(database: database, account: "demo-cp", passphrase: Harness.passphrase)
        let snapshot = try reader.loadCaseload()
        let open = snapshot.children.filter(\.isOpen)
        let damagedChild = open[3]
        let withIndicator = try #require(open.first { $0.id != damagedChild.id && !(snapshot.openIndicators[$0.id] ?? []).isEmpty
            && snapshot.openEpisode(of: $0.id) == nil })
        let h = try Harness(database: database, wrap: { base in
            let store = DamagingStore(base)
            store.unreadableChild = damagedChild.id
            store.unreadableIndicatorOf = withIndicator.id
            return store
        })
        return (h, damagedChild, withIndicator)
    }

    @Test func aChildWhoseRecordDoesNotOpenIsShownFirstAsDamagedAndEveryoneElseLoads() throws {
        let (h, damaged, _) = try harness()
        #expect(h.allRowCount == 40, "39 children load and one stands in for the damaged record")
        #expect(h.message?.contains("2 records do not open") == true, "\(h.message ?? "")")
        // First under the risk sort, above the missing: it could be anyone.
        let row = try #require(h.selectedCaseloadRow)
        #expect(row.contains("⚠ damaged") && row.contains("damaged record"), "\(row)")
        #expect(!h.rows.contains { $0.caseNumber == damaged.caseNumber }, "nothing of the record itself is shown")
        #expect(h.screen.contains("This child's record does not open"))

        h.press(.enter)
        #expect(h.message?.contains("care check") == true)
        #expect(!h.detailOpen)
        h.rest()
        #expect(h.database.auditEvents().filter { $0.child == damaged.id }.isEmpty, "nothing about it is previewed or viewed")

        // The next child opens as usual.
        h.press(.down, .enter)
        #expect(h.detailOpen)
    }

    /// A child missing now whose own record does not open (its missing episode does): the
    /// alerts used to lose them (one critical fewer) and both handovers said one fewer missing.
    @Test func aMissingChildWhoseRecordDoesNotOpenStaysInTheAlertsTheHandoverAndItsCounts() throws {
        let database = Harness.makeDatabase()
        let reader = try InMemoryCaseStore(database: database, account: "demo-cp", passphrase: Harness.passphrase)
        let snapshot = try reader.loadCaseload()
        let missing = snapshot.children.filter { $0.isOpen && snapshot.openEpisode(of: $0.id) != nil }
        let damaged = try #require(missing.first)
        let h = try Harness(database: database, wrap: { base in
            let store = DamagingStore(base)
            store.unreadableChild = damaged.id
            return store
        })
        let alerts = h.app.state.dashboard.allAlerts.filter { $0.child == damaged.id }
        #expect(alerts.first?.severity == .critical && alerts.first?.message == "record does not open — run care check")
        #expect(alerts.contains { $0.rule == .missingNow }, "\(alerts)")
        #expect(h.screen.contains("CRITICAL ⚠ KEN-… record does not open — run care check"), "\(h.screen)")
        #expect(h.screen.contains("⚠ 1 record does not open"), "the caseload's count says so: \(h.screen)")

        h.press(.char("H"))
        #expect(h.screen.contains("missing now \(missing.count)"), "\(h.screen)")
        #expect(h.screen.contains("records that do not open 1"), "\(h.screen)")
        #expect(h.screen.contains("URGENT  ⚠ KEN-…"), "\(h.screen)")
    }

    @Test func aDamagedRecordOfAChildIsMarkedOnItsRowAndInItsRecord() throws {
        let (h, _, child) = try harness()
        h.press(.char("/"))
        h.type(child.caseNumber.description)
        h.press(.enter)
        let row = try #require(h.selectedCaseloadRow)
        #expect(row.contains("⚠ damaged") && row.contains(child.displayName), "\(row)")
        h.press(.enter)
        #expect(h.detailOpen)
        #expect(h.screen.contains("One record of this child does not open (a risk indicator)"), "\(h.screen)")
    }

    @Test func typingDamagedFindsItUnderAnyQuickFilter() throws {
        let (h, _, _) = try harness()
        h.press(.function(6))   // missing now: the damaged row stays with the missing children
        #expect(h.rows.contains { $0.isDamagedChild })
        #expect(h.rows.filter { !$0.isDamagedChild }.allSatisfy { $0.isMissing })
        h.press(.function(6), .function(5))   // my cases: it stays too (its team cannot be read)
        #expect(h.rows.contains { $0.isDamagedChild })
        h.press(.function(5))
        h.press(.char("/"))
        h.type("damaged")
        h.press(.enter)
        #expect(h.rows.map(\.isDamagedChild) == [true])
    }
}

/// Attack 5 on the screen: a child whose caseload summary was not the trail's (the store read her
/// from her records and filed the summary as damaged, `UntrustedChild`) is marked in her row, the
/// alerts pane raises a critical alert in words, and the opening message says so.
@MainActor
@Suite struct UntrustedSummaryScreenTests {
    final class UntrustingStore: ForwardingStore, @unchecked Sendable {
        var untrusted: ChildID?

        override func loadCaseload() throws -> CaseloadSnapshot {
            var snapshot = try base.loadCaseload()
            if let id = untrusted {
                snapshot.damaged.append(DamagedRecord(kind: UntrustedChild.kind, id: "team/\(id.rawValue)", child: id))
            }
            return snapshot
        }
    }

    @Test func aChildWhoseSummaryCannotBeTrustedIsMarkedAndRaisesACriticalAlert() throws {
        let database = Harness.makeDatabase()
        let reader = try InMemoryCaseStore(database: database, account: "demo-cp", passphrase: Harness.passphrase)
        let snapshot = try reader.loadCaseload()
        let missing = try #require(snapshot.children.first { $0.isOpen && snapshot.openEpisode(of: $0.id) != nil })
        let h = try Harness(database: database, wrap: { base in
            let store = UntrustingStore(base)
            store.untrusted = missing.id
            return store
        })
        #expect(h.message == "⚠ one child's record cannot be trusted — run care check", "\(h.message ?? "")")
        #expect(h.screen.contains("record cannot be trusted") || h.screen.contains("cannot be trusted — run care check"), "\(h.screen)")
        #expect(!h.screen.contains("records do not open"))
        let alerts = h.dashboard.alerts.filter { $0.rule == .recordUntrusted }
        #expect(alerts.map(\.child) == [missing.id] && alerts.allSatisfy { $0.severity == .critical })
    }
}
