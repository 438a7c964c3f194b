import CareDomain
import Foundation
import TextUI

/// The four panes and what they show: the caseload snapshot and everything derived from it
/// (rows, alerts, the referral queue), the focus, the scroll positions and the open record.
public struct Dashboard: Sendable {
    public private(set) var snapshot: CaseloadSnapshot
    /// Where each child is in `snapshot.children` and in the rows, so a visible row finds its
    /// child without a scan.
    private var places = ChildPlaces()
    /// Every case as a list row (closed ones too), search keys folded once; each query's list
    /// is positions into them.
    private var caseload = CaseloadIndex()
    /// How many of `allRows` are open cases (the caseload title's total).
    public private(set) var openCount = 0
    /// `allRows` after the filter, quick filters and sort, as positions (no row is copied).
    public private(set) var rows = CaseloadView()

    /// Every case as a list row (closed ones too).
    public var allRows: [CaseloadRow] { caseload.rows }

    /// The rows of `allRows` that `query` lets through, in its order: for a picker with a filter
    /// of its own, apart from the caseload pane's.
    public func rows(matching query: CaseloadQuery) -> [CaseloadRow] { caseload.matching(query) }
    public var query = CaseloadQuery()

    /// Every alert the rules raise now, kept once, most severe first, with their split by
    /// acknowledgements and snoozes and the shown ones' counts (`AlertList`): a refresh finds a
    /// child's old alerts by the child keys kept beside them.
    public private(set) var alertList = AlertList()
    /// Whether the alerts pane lists acknowledged and snoozed alerts too.
    public var showHiddenAlerts = false

    /// Every alert the rules raise now, most severe first.
    public var allAlerts: [Alert] { alertList.all }
    /// Shown alerts by severity, for the top line (counted when alerts change, not per frame).
    public var alertCounts: [AlertSeverity: Int] { alertList.counts }
    /// The referral queue's view, and its referrals: urgent first, then the longest waiting.
    public private(set) var referralView: ReferralQueue.View
    public private(set) var queue: [Referral] = []
    /// How many referrals each view holds, for the view strip.
    public private(set) var queueCounts: [ReferralQueue.View: Int] = [:]
    /// Drafted → reviewed → sent → accepted → completed, over every referral in the snapshot.
    public private(set) var funnel = ReferralFunnel([])

    public var focus: PaneID = .caseload
    public var caseloadScroll = ListScroll()
    public var referralScroll = ListScroll()
    public var alertScroll = ListScroll()
    /// Typing goes into the filter line while this is true.
    public var filterEditing = false
    /// The filter line being typed, with its cursor; `query.text` follows it.
    public var filterField = FilterLine.field()
    public var masked: Bool

    /// The record opened with Enter (its view was audited before it was loaded).
    public var detail: ChildDetail?
    /// First line of the open record shown in the child pane.
    public var recordScroll = 0
    /// The item of the open record the cursor is on (Enter reads it whole); nil for the first.
    public var recordItem: RecordItem?
    /// A form asked for before the record it edits was open: it opens when the record arrives.
    public var formAwaitingRecord: Command?
    /// The signed-in worker's unsaved drafts (`Draft`), newest first: a form restores its own
    /// when it opens, and the record says which the child has.
    public var drafts: [Draft] = []
    /// What each pane showed in the last frame (its renderer records it), so a key pages by what
    /// the person saw.
    public var shown = PaneViewports()

    /// The last shift's saved handover and its acknowledgements, for "handover not acknowledged".
    public private(set) var lastHandover: HandoverState?
    /// The pattern alerts (police and supervisors), from investigation records read apart from
    /// the snapshot (`PatternAlert`); kept through every rebuild of the alerts.
    public private(set) var patternAlerts: [Alert] = []

    let worker: Worker
    /// The unit's code: all that names a child whose own record does not open (`UnreadableChild`).
    let unitCode: String
    let zone: TimeZone
    let thresholds: AlertThresholds
    private var now: Date
    /// When each child's alerts can next change (`AlertSchedule`), and the soonest of them: the
    /// clock re-evaluates only the children that are due. Kept by the child's row, in the rows'
    /// order (every child has a row, and so has each whose record does not open): a list of
    /// dates, not a map of 50,000 ids with room for 131,072 (3 MB). Empty until the open's
    /// deferred build (`finishBuilding`) works them out; a row added or taken out by a save adds
    /// or takes out its date (`refreshRows`).
    private var dueByRow: [Date] = []
    private var nextAlertDue = Date.distantFuture
    /// The soonest of `dueByRow`, kept so that scheduling one child does not look at them all.
    private var soonestChildDue = Date.distantFuture
    /// The workers' names, folded once for the rows a save rebuilds (renewed with the catalogue).
    private var workerNames = CaseloadRow.WorkerNames([Worker]())
    /// What the first frame does not need, left for the loop's next turn (`finishBuilding`);
    /// nil once built.
    private var deferred: DeferredBuild?

    /// What the open leaves for after its first frame: when each child's alerts next change
    /// (`schedule`, the largest part of building the dashboard after the rows and the alerts),
    /// and the referral queue with its counts and funnel. The alerts themselves are evaluated
    /// in full before the first frame; only the times they next change wait.
    private struct DeferredBuild: Sendable {
        /// When the alerts were evaluated: their times are worked out from that moment, so a
        /// change that falls between it and the build is due at the next tick, not skipped.
        let alertsEvaluatedAt: Date
    }

    init(snapshot: CaseloadSnapshot, worker: Worker, unitCode: String, now: Date, zone: TimeZone, thresholds: AlertThresholds, masked: Bool) {
        self.snapshot = snapshot
        self.worker = worker
        self.unitCode = unitCode
        self.now = now
        self.zone = zone
        self.thresholds = thresholds
        self.masked = masked
        referralView = ReferralQueue.View.first(for: worker.role)
        // A liaison signs in to what awaits their review.
        if worker.role == .liaison { focus = .referrals }
        // Draw first, finish after: the alert times and the referral queue wait for the loop's
        // next turn (`App.step`), after the first frame is on screen.
        rebuild(deferring: true)
    }

    // MARK: Reading

    /// The alerts the pane lists, read in place.
    public var alerts: AlertList.Listed { alertList.listed(includingHidden: showHiddenAlerts) }

    /// The alerts split by acknowledgements and snoozes as two lists, copied out of `alertList`
    /// (for comparing whole; the panes read `alertList`).
    public var alertVisibility: AlertVisibility { alertList.visibility }

    public var selectedRow: CaseloadRow? {
        rows.indices.contains(caseloadScroll.selection) ? rows[caseloadScroll.selection] : nil
    }

    public var selectedChild: ChildSummary? { child(selectedRow?.id) }

    /// The opened record, only while it belongs to the selected child.
    public var openDetail: ChildDetail? {
        guard let detail, detail.child.id == selectedRow?.id else { return nil }
        return detail
    }

    public var selectedAlert: Alert? {
        alerts.indices.contains(alertScroll.selection) ? alerts[alertScroll.selection] : nil
    }

    public var selectedReferral: Referral? {
        queue.indices.contains(referralScroll.selection) ? queue[referralScroll.selection] : nil
    }

    public func child(_ id: ChildID?) -> ChildSummary? {
        guard let id, let index = places.child(of: id) else { return nil }
        return snapshot.children[index]
    }

    public func workerName(_ id: WorkerID?) -> String? {
        guard let id else { return nil }
        return snapshot.workers.first { $0.id == id }?.displayName
    }

    /// A child's name as the screen may show it: masked, the whole case number and then the
    /// initials, so a cut line keeps what tells two children apart (two "R.É." are one case
    /// number each).
    public func name(of child: ChildSummary) -> String {
        masked ? "\(child.caseNumber) \(child.initials)" : child.displayName
    }

    public func name(ofChild id: ChildID?) -> String {
        if let child = child(id) { return name(of: child) }
        if let id, snapshot.isUnreadable(id) { return UnreadableChild.name(unit: unitCode) }
        return "—"
    }

    /// The name and the case number, so a form or a title says exactly whose record it is.
    public func nameWithCase(ofChild id: ChildID) -> String {
        guard let child = child(id) else {
            return snapshot.isUnreadable(id) ? UnreadableChild.name(unit: unitCode) : "a child no longer on the caseload"
        }
        return masked ? name(of: child) : "\(child.displayName) \(child.caseNumber)"
    }

    public func isHidden(_ alert: Alert) -> Bool { alertList.isHidden(alert) }

    /// Whether the alert times and the referral queue are built (`finishBuilding`). Until they
    /// are, the queue's pane says it is being built; everything that acts on either builds it first.
    public var isBuilt: Bool { deferred == nil }

    /// When each child's alerts next change and the soonest of all, for tests that hold a kept
    /// schedule against one built from scratch.
    var alertTimes: (children: [ChildID: Date], next: Date) {
        var children: [ChildID: Date] = [:]
        for (row, due) in zip(allRows, dueByRow) { children[row.child] = due }
        return (children, nextAlertDue)
    }

    /// When the alerts of `id` next change, if it has a row and the times are built.
    private func due(of id: ChildID) -> Date? {
        places.row(of: id).flatMap { dueByRow.indices.contains($0) ? dueByRow[$0] : nil }
    }

    // MARK: Keeping up to date

    /// Takes a whole new snapshot, keeping the selection on the same child when it is still there.
    mutating func replace(_ snapshot: CaseloadSnapshot, now: Date) {
        self.snapshot = snapshot
        self.now = now
        rebuild()
    }

    /// Builds what the open left for after its first frame (`DeferredBuild`): the alert times,
    /// from the moment the alerts were evaluated, and the referral queue. Nothing when built.
    mutating func finishBuilding() {
        guard let deferred else { return }
        self.deferred = nil
        schedule(nil, now: deferred.alertsEvaluatedAt)
        rebuildQueue()
    }

    /// Puts records this session just saved into the snapshot and refreshes only what they touch.
    mutating func apply(saved records: [AnyRecord], now: Date) {
        // The refresh changes the schedule and the queue in place: they are built first.
        finishBuilding()
        self.now = now
        var children = Set<ChildID>()
        var catalogue = false
        var responsesAboutNoChild = false
        for record in records {
            if let child = record.childID { children.insert(child) }
            if record.kind == .worker || record.kind == .service { catalogue = true }
            if case .alertResponse = record, record.childID == nil { responsesAboutNoChild = true }
        }
        let before = Before(children, of: self)
        let places = places
        for record in records {
            snapshot.apply(saved: record, position: { places.child(of: $0) })
            detail?.apply(saved: record)
        }
        refresh(children: children, before: before, catalogue: catalogue)
        if responsesAboutNoChild { splitAlerts() }
    }

    /// Applies records another session changed, read back after the change feed named them.
    mutating func apply(_ patch: SnapshotPatch, now: Date) {
        finishBuilding()
        self.now = now
        let before = Before(patch.children, of: self)
        let places = places
        snapshot.apply(patch, position: { places.child(of: $0) })
        refresh(children: patch.children, before: before, catalogue: patch.includesCatalogue)
        // Answers about no child (the handover's alert) came with the catalogue.
        if patch.includesCatalogue { splitAlerts() }
    }

    /// A child whose record, opened, has rows that are not what the audit trail last wrote
    /// (`ChildDetail.untrusted`): marked as a summary behind the trail is, so its row, the
    /// critical alert and the handover say it cannot be trusted. The child stays listed.
    mutating func markUntrusted(_ child: ChildID) {
        guard !snapshot.isUntrusted(child) else { return }
        finishBuilding()
        let before = Before([child], of: self)
        snapshot.damaged.append(DamagedRecord(kind: UntrustedChild.kind, id: "record/\(child.rawValue)", child: child))
        refresh(children: [child], before: before, catalogue: false)
    }

    /// The clock: time-based alerts and the durations in their words move on without a key, for
    /// the children whose alerts are due to change (and the handover alert).
    mutating func advance(to now: Date) {
        // Built from when the alerts were evaluated, the schedule then says who is due by now.
        finishBuilding()
        self.now = now
        guard now >= nextAlertDue else { return }
        let (rows, dues) = (allRows, dueByRow)
        let due = Set(dues.indices.lazy.filter { dues[$0] <= now }.map { rows[$0].child })
        let match = ChildIDMatch(due)
        // The due children's alerts and those about no child (the handover's, the patterns'),
        // found by the child keys kept beside the alerts, and only they split again: each minute
        // the handover's alert moves on, and scanning and splitting every alert for it was a
        // save's p99 at 50,000 children (docs/benchmarks.md).
        let old = alertList.positions(of: match, aboutNoChild: true)
        // Only the due children are visited (by their positions), not every child checked against them.
        let records = RecordPositions(of: match, in: snapshot)
        var fresh = AlertRules.evaluate(children: due, at: due.compactMap { places.child(of: $0) }, records: records, snapshot: snapshot, now: now,
                                        thresholds: thresholds, zone: zone)
        if let handover = lastHandover, let alert = AlertRules.handoverAlert(handover, now: now, thresholds: thresholds) { fresh.append(alert) }
        // The pattern alerts are about no child either: taken out above with the handover's.
        fresh += patternAlerts
        // A few alerts (the handover's each minute, a child's limit passing) go to their places,
        // split by their answers; many (at midnight, when ages and dates move for everyone) are
        // merged in at once (`AlertList.replace`).
        alertList.replace(old, with: fresh, responses: snapshot.responses, now: now)
        keepAlertSelection()
        schedule(due, records: records, now: now)
    }

    /// Takes the last shift's handover (loaded, or changed by anyone) for its alert.
    mutating func setLastHandover(_ state: HandoverState?, now: Date) {
        self.now = now
        lastHandover = state
        let fresh = state.flatMap { AlertRules.handoverAlert($0, now: now, thresholds: thresholds) }.map { [$0] } ?? []
        alertList.replace(alertList.positions { $0.rule == .handoverNotAcknowledged }, with: fresh, responses: snapshot.responses, now: now)
        splitAlerts()
    }

    /// Takes the pattern alerts read from the investigation records (police and supervisors).
    mutating func setPatternAlerts(_ alerts: [Alert], now: Date) {
        self.now = now
        patternAlerts = alerts
        alertList.replace(alertList.positions { $0.rule == .pattern }, with: alerts, responses: snapshot.responses, now: now)
        splitAlerts()
    }

    /// Works out when the alerts of `ids` (every child when nil) next change after `now`, the
    /// moment their alerts were evaluated. `records`, when given, are where the referrals and
    /// appointments of `ids` are.
    private mutating func schedule(_ ids: Set<ChildID>?, records: RecordPositions? = nil, now: Date) {
        var referrals: [ChildID: [Referral]] = [:]
        var courts: [ChildID: [Appointment]] = [:]
        if ids == nil || !(ids?.isEmpty ?? true) {
            let records = records ?? ids.map { RecordPositions(of: ChildIDMatch($0), in: snapshot) } ?? RecordPositions(everyRecordOf: snapshot)
            // By position: only these children's records are copied out.
            for index in records.referrals {
                referrals[snapshot.referrals[index].child, default: []].append(snapshot.referrals[index])
            }
            for index in records.appointments {
                courts[snapshot.appointments[index].child, default: []].append(snapshot.appointments[index])
            }
        }
        let midnight = AlertSchedule.nextMidnight(after: now, zone: zone)
        if let ids {
            // The soonest child's due stays known unless one of these children held it: then
            // (rarely) every child's is looked at again.
            let heldSoonest = ids.contains { due(of: $0).map { $0 <= soonestChildDue } ?? false }
            defer {
                soonestChildDue = heldSoonest ? (dueByRow.min() ?? .distantFuture)
                    : ids.compactMap { due(of: $0) }.reduce(soonestChildDue, min)
                nextAlertDue = min(soonestChildDue, handoverDue(after: now))
            }
            for id in ids {
                // A child with no row is gone from the snapshot: its row and date went with it.
                guard let row = places.row(of: id), dueByRow.indices.contains(row) else { continue }
                if let child = child(id) {
                    dueByRow[row] = AlertSchedule.nextChange(of: child, in: snapshot, referrals: referrals[id] ?? [], appointments: courts[id] ?? [],
                                                             now: now, thresholds: thresholds, zone: zone, nextMidnight: midnight)
                } else if snapshot.isUnreadable(id) {
                    dueByRow[row] = AlertSchedule.nextChange(ofUnreadable: id, now: now)
                } else {
                    dueByRow[row] = .distantFuture
                }
            }
        } else {
            // Every child, on every core (`ParallelMap`), then kept by id in the children's order.
            let (children, snapshot, thresholds, zone) = (snapshot.children, snapshot, thresholds, zone)
            let (referrals, courts) = (referrals, courts)
            // Each child is read in place (`children[index]`), not copied out with its strings.
            let dues = ParallelMap.map(count: children.count) { index in
                AlertSchedule.nextChange(of: children[index], in: snapshot, referrals: referrals[children[index].id] ?? [],
                                         appointments: courts[children[index].id] ?? [], now: now, thresholds: thresholds, zone: zone,
                                         nextMidnight: midnight)
            }
            dueByRow = Array(repeating: .distantFuture, count: allRows.count)
            for (child, due) in zip(children, dues) { if let row = places.row(of: child.id) { dueByRow[row] = due } }
            for (id, _) in snapshot.unreadableChildren {
                if let row = places.row(of: id) { dueByRow[row] = AlertSchedule.nextChange(ofUnreadable: id, now: now) }
            }
            soonestChildDue = dueByRow.min() ?? .distantFuture
            nextAlertDue = min(soonestChildDue, handoverDue(after: now))
        }
    }

    /// The handover alert turns on an hour into the shift and off at its end: a minute's
    /// granularity is enough for it.
    private func handoverDue(after now: Date) -> Date { lastHandover.map { _ in now.addingTimeInterval(60) } ?? .distantFuture }

    /// Builds everything derived from the snapshot. `deferring` (the open) leaves the alert
    /// times and the referral queue for `finishBuilding`, after the first frame.
    private mutating func rebuild(deferring: Bool = false) {
        let selected = selectedRow?.id
        // The view holds the rows too: let go of it first, so the index owns them alone.
        rows = CaseloadView()
        workerNames = CaseloadRow.WorkerNames(snapshot.workers)
        caseload = CaseloadIndex(snapshot: snapshot, today: DayDate(now, in: zone))
        places = ChildPlaces(children: snapshot.children, rows: allRows)
        // The alert times are worked out again for the new rows (`finishBuilding`).
        dueByRow = []
        openCount = allRows.count { $0.isOnCaseload }
        // The old alerts let go of first, so the new ones are not held beside them.
        alertList = AlertList()
        var alerts = AlertRules.evaluate(snapshot: snapshot, now: now, thresholds: thresholds, handover: lastHandover, zone: zone)
        if !patternAlerts.isEmpty {
            alerts += patternAlerts
            alerts.sort(by: AlertRules.precedes)
        }
        alertList = AlertList(alerts, responses: snapshot.responses, now: now)
        keepAlertSelection()
        applyQuery(keeping: selected)
        deferred = DeferredBuild(alertsEvaluatedAt: now)
        if !deferring { finishBuilding() }
    }

    /// What the changed children were before a save or a patch changed the snapshot: their
    /// referrals and liaisons, so the queue's counts lose exactly what they held.
    private struct Before {
        let referrals: [Referral]
        let liaisons: [ChildID: WorkerID]
        let childCount: Int

        init(_ ids: Set<ChildID>, of dashboard: Dashboard) {
            let match = ChildIDMatch(ids)
            // By position, found by the referrals' child keys (`FiledList`): `filter` would copy
            // out every referral of the caseload to look at it.
            let all = dashboard.snapshot.referrals
            referrals = dashboard.snapshot.filedReferrals.positions(of: match).map { all[$0] }
            var liaisons: [ChildID: WorkerID] = [:]
            for id in ids { liaisons[id] = dashboard.child(id)?.team.liaison }
            self.liaisons = liaisons
            childCount = dashboard.snapshot.children.count
        }
    }

    /// Brings everything derived from the snapshot up to date for `ids`, the children a save or
    /// a patch changed, touching only what is theirs: their rows move to their places in each
    /// kept order, their alerts and alert times are worked out again and put in place, the
    /// queue and the counts gain and lose only their referrals. Everything is rebuilt when the
    /// catalogue changed, since worker names are in every row. `DashboardRefreshPropertyTests`
    /// checks the result against a dashboard built from scratch.
    private mutating func refresh(children ids: Set<ChildID>, before: Before, catalogue: Bool) {
        if catalogue {
            rebuild()
            return
        }
        guard !ids.isEmpty else { return }
        // Alerts already due are brought up to now first, as the clock would.
        advance(to: now)
        let selected = selectedRow?.id
        // The view holds the rows too: let go of it first, so changing a row does not copy them all.
        rows = CaseloadView()
        keepChildIndex(changed: ids, childCount: before.childCount)
        refreshRows(ids)
        let match = ChildIDMatch(ids)
        let positions = ids.compactMap { places.child(of: $0) }
        // Their referrals and appointments found once, for the alerts, the schedule and the queue.
        let records = RecordPositions(of: match, in: snapshot)
        let fresh = AlertRules.evaluate(children: ids, at: positions, records: records, snapshot: snapshot, now: now,
                                        thresholds: thresholds, zone: zone)
        alertList.replace(alertList.positions(of: match), with: fresh, responses: snapshot.responses, now: now)
        keepAlertSelection()
        schedule(ids, records: records, now: now)
        refreshQueue(match, before: before, records: records)
        applyQuery(keeping: selected)
    }

    /// Keeps the index of children by id unless children came, went or moved (a changed case
    /// number): then it is built again.
    private mutating func keepChildIndex(changed ids: Set<ChildID>, childCount: Int) {
        let children = snapshot.children
        let inPlace = children.count == childCount && ids.allSatisfy { id in
            places.child(of: id).map { children.indices.contains($0) && children[$0].id == id } ?? true
        }
        if !inPlace { places.placeChildren(children) }
    }

    /// The rows of `ids` built again and put in place; the open count follows.
    private mutating func refreshRows(_ ids: Set<ChildID>) {
        let today = DayDate(now, in: zone)
        // In a fixed order, so rows added by one refresh get positions independent of hashing.
        for id in ids.sorted() {
            let fresh = CaseloadRow.row(of: id, in: snapshot, child: child(id), names: workerNames, today: today)
            switch (places.row(of: id), fresh) {
            case (let index?, let row?):
                openCount += (row.isOnCaseload ? 1 : 0) - (allRows[index].isOnCaseload ? 1 : 0)
                caseload.replace(at: index, with: row, key: CaseloadRow.searchKey(of: row, child: child(id), names: workerNames))
            case (nil, let row?):
                places.setRow(of: id, to: allRows.count)
                openCount += row.isOnCaseload ? 1 : 0
                caseload.append(row, key: CaseloadRow.searchKey(of: row, child: child(id), names: workerNames))
                // Its alert time follows from `schedule`, which the refresh runs for it next (the
                // times are built before any refresh: `finishBuilding`).
                if dueByRow.count == allRows.count - 1 { dueByRow.append(.distantFuture) }
            case (let index?, nil):
                openCount -= allRows[index].isOnCaseload ? 1 : 0
                caseload.remove(at: index)
                places.removeRow(of: id, at: index)
                if dueByRow.indices.contains(index) { dueByRow.remove(at: index) }
            case (nil, nil): break
            }
        }
    }

    /// Every alert split again by the answers as they stand now.
    private mutating func splitAlerts() {
        alertList.split(responses: snapshot.responses, now: now)
        keepAlertSelection()
    }

    /// The alerts pane's selection kept within the alerts it lists.
    private mutating func keepAlertSelection() {
        alertScroll.selection = min(alertScroll.selection, max(0, alerts.count - 1))
    }

    private mutating func rebuildQueue() {
        let selected = selectedReferral?.id
        var counts: [ReferralQueue.View: Int] = [:]
        for view in ReferralQueue.View.allCases {
            if view == referralView {
                queue = referrals(in: view)
                counts[view] = queue.count
            } else {
                // Only counted: the other views' lists, each sorted and let go, were the peak of
                // the open's memory at 50,000 children.
                counts[view] = snapshot.referrals.count { ReferralQueue.includes($0, in: view, worker: worker, liaison: liaison(of:)) }
            }
        }
        queueCounts = counts
        funnel = ReferralFunnel(snapshot.referrals)
        let index = selected.flatMap { id in queue.firstIndex { $0.id == id } } ?? referralScroll.selection
        referralScroll.selection = min(index, max(0, queue.count - 1))
    }

    /// The queue after a change to the children `match` names: their referrals as they were
    /// leave the counts and the list, as they are now join them in their places. Nothing to do
    /// when neither their referrals nor their liaisons changed (a contact note); the funnel's
    /// medians are worked out again over every referral only when a referral changed.
    private mutating func refreshQueue(_ match: ChildIDMatch, before: Before, records: RecordPositions) {
        let all = snapshot.referrals
        let after = records.referrals.map { all[$0] }
        var liaisons: [ChildID: WorkerID] = [:]
        for id in before.liaisons.keys { liaisons[id] = child(id)?.team.liaison }
        let referralsChanged = after != before.referrals
        guard referralsChanged || liaisons != before.liaisons else { return }
        let selected = selectedReferral?.id
        for view in ReferralQueue.View.allCases {
            let gone = before.referrals.filter { ReferralQueue.includes($0, in: view, worker: worker, liaison: { before.liaisons[$0] }) }
            let came = after.filter { ReferralQueue.includes($0, in: view, worker: worker, liaison: { liaisons[$0] }) }
            queueCounts[view, default: 0] += came.count - gone.count
            guard view == referralView else { continue }
            queue.removeAll { match.contains($0.child) }
            for referral in came { queue.insert(referral, keepingOrder: ReferralQueue.precedes) }
        }
        if referralsChanged { funnel = ReferralFunnel(snapshot.referrals) }
        let index = selected.flatMap { id in queue.firstIndex { $0.id == id } } ?? referralScroll.selection
        referralScroll.selection = min(index, max(0, queue.count - 1))
    }

    private func referrals(in view: ReferralQueue.View) -> [Referral] {
        ReferralQueue.referrals(snapshot.referrals, in: view, worker: worker, liaison: liaison(of:))
    }

    /// The liaison on the team of child `id`, for the liaison's own review queue.
    private func liaison(of id: ChildID) -> WorkerID? { child(id)?.team.liaison }

    /// Shows another view of the referral queue, from its first row.
    mutating func showReferrals(_ view: ReferralQueue.View) {
        finishBuilding()
        referralView = view
        referralScroll = ListScroll()
        rebuildQueue()
    }

    /// A referral in the snapshot, as it is now.
    public func referral(_ id: ReferralID) -> Referral? {
        snapshot.referrals.first { $0.id == id }
    }

    public func service(_ id: ServiceID) -> Service? {
        snapshot.services.first { $0.id == id }
    }

    /// Re-runs the filter and sort, keeping the selection on `keeping` when it is still shown.
    mutating func applyQuery(keeping id: ChildID? = nil) {
        rows = caseload.apply(query)
        let index = id.flatMap { places.row(of: $0) }.flatMap { rows.index(ofPosition: $0) } ?? 0
        caseloadScroll.selection = min(index, max(0, rows.count - 1))
    }
}

/// The rows each pane showed in the last frame, and the record pane's items and their lines.
public struct PaneViewports: Sendable, Equatable {
    public var caseloadRows = 10
    public var referralRows = 5
    public var alertRows = 5
    /// The record pane: rows shown and the lines the whole record has.
    public var recordRows = 10
    public var recordLines = 0
    /// The record pane: its items in order, and the line each starts on.
    public var recordItems: [RecordItem] = []
    public var recordItemLines: [Int] = []

    public init() {}
}
