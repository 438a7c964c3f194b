import CareDomain
import Foundation
import TextUI

/// Everything the screen shows, as plain values. `update` changes it; panes read it; nothing in
/// here performs I/O, so every screen can be driven and asserted headless.
public struct AppState: Sendable {
    /// Who is signed in, and to which unit.
    public var worker: Worker
    public var unit: String
    public var now: Date

    public var snapshot: CaseloadSnapshot
    /// Index of `snapshot.children` by id, so a visible row finds its child without a scan.
    public var childIndex: [ChildID: Int] = [:]
    /// Every open case as a list row, built once per snapshot (search keys folded once).
    public var allRows: [CaseloadRow]
    /// How many of `allRows` are open cases (the caseload title's total), counted once per snapshot.
    public var openCount = 0
    /// `allRows` after the filter, quick filters and sort.
    public var rows: [CaseloadRow]
    public var query: CaseloadQuery
    public var alerts: [Alert]
    /// Referrals that are not final, the ones the queue shows, most urgent first.
    public var queue: [Referral]

    public var focus: PaneID = .caseload
    public var caseloadScroll = ListScroll()
    public var referralScroll = ListScroll()
    public var alertScroll = ListScroll()

    /// The record opened with Enter (its view was audited before it was loaded).
    public var detail: ChildDetail?

    /// First line of the open record shown in the child pane (it scrolls when focused).
    public var detailScroll = 0
    /// A child's audit trail on screen (supervisor), with its scroll position.
    public var auditTrail: AuditOverlay?
    /// A form on screen; it has the keyboard until it is saved or cancelled.
    public var form: FormState?
    /// Typing goes into the filter while this is true.
    public var filterEditing = false
    public var masked: Bool
    public var showingHelp = false
    public var helpScroll = 0
    /// One line of feedback in words (a refusal, an error, a confirmation).
    public var message: String?
    public var screenSize: Size
    public var quitRequested = false

    public init(worker: Worker, unit: String, snapshot: CaseloadSnapshot, now: Date, screenSize: Size, masked: Bool = false) {
        self.worker = worker
        self.unit = unit
        self.now = now
        self.snapshot = snapshot
        self.screenSize = screenSize
        self.masked = masked
        self.query = CaseloadQuery()
        self.allRows = []
        self.rows = []
        self.alerts = []
        self.queue = []
        replaceSnapshot(snapshot)
    }

    /// Takes a freshly loaded snapshot, keeping the selection on the same child when it is still there.
    public mutating func replaceSnapshot(_ snapshot: CaseloadSnapshot) {
        let selected = selectedRow?.id
        self.snapshot = snapshot
        childIndex = Dictionary(snapshot.children.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        allRows = CaseloadRow.rows(from: snapshot, today: DayDate(now))
        openCount = allRows.count { $0.isOpen }
        alerts = AlertRules.evaluate(snapshot: snapshot, now: now)
        queue = snapshot.referrals
            .filter { !$0.status.isFinal && $0.status != .draft }
            .sorted { ($0.status.queueOrder, $0.statusSince) < ($1.status.queueOrder, $1.statusSince) }
        applyQuery(keeping: selected)
        if let detail, let fresh = snapshot.children.first(where: { $0.id == detail.child.id }) {
            self.detail?.child = fresh
        }
    }

    /// Re-runs the filter and sort, keeping the selection on `keeping` when it is still shown.
    public mutating func applyQuery(keeping id: ChildID? = nil) {
        rows = query.apply(to: allRows)
        let index = id.flatMap { id in rows.firstIndex(where: { $0.id == id }) } ?? 0
        caseloadScroll.selection = min(index, max(0, rows.count - 1))
    }

    public var selectedRow: CaseloadRow? {
        rows.indices.contains(caseloadScroll.selection) ? rows[caseloadScroll.selection] : nil
    }

    public var selectedChild: Child? {
        child(selectedRow?.id)
    }

    /// The opened record, only while it belongs to the selected child.
    public var openDetail: ChildDetail? {
        guard let detail, detail.child.id == selectedRow?.id else { return nil }
        return detail
    }

    public func workerName(_ id: WorkerID?) -> String? {
        guard let id else { return nil }
        return snapshot.workers.first { $0.id == id }?.displayName
    }

    /// A child's name as this screen may show it: initials and case number when masked.
    public func name(of child: Child) -> String {
        masked ? "\(child.initials) \(child.caseNumber)" : child.displayName
    }

    public func name(ofChild id: ChildID?) -> String {
        child(id).map(name(of:)) ?? "—"
    }

    public func child(_ id: ChildID?) -> Child? {
        guard let id, let index = childIndex[id] else { return nil }
        return snapshot.children[index]
    }
}

extension Referral.Status {
    /// Queue order: what needs someone first.
    var queueOrder: Int {
        switch self {
        case .awaitingReview: 0
        case .readyToSend: 1
        case .sent: 2
        case .waitlisted: 3
        case .accepted: 4
        case .active: 5
        case .draft: 6
        case .completed, .declined, .withdrawn: 7
        }
    }
}
