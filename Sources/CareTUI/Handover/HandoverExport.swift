import CareDomain
import Foundation

/// `care handover --format`: the handover of the shift from `since`, built as the screen builds
/// it, as a document. Printing names leaves the store, so it needs `Permission.export` and is
/// audited as an export.
public enum HandoverExport {
    /// The shift a `--since` moment gives: the shift containing it, from that moment on (from its
    /// start when `since` is a shift start, which is the default).
    public static func window(since: Date, shifts: ShiftPattern, zone: TimeZone) -> (shift: ShiftWindow, from: ShiftWindow) {
        let shift = shifts.shift(containing: since, zone: zone)
        return (shift, shift.starting(at: since))
    }

    public static func render(
        store: any CaseStore, since: Date?, format: HandoverDocument.Format, now: Date,
        shifts: ShiftPattern = .standard, thresholds: AlertThresholds = .standard
    ) throws -> String {
        let role = store.worker.role
        guard role.may(.export) else { throw PermissionDenied(permission: .export, role: role) }
        let zone = store.unitInfo.timeZone
        let (shift, window) = Self.window(since: since ?? shifts.shift(containing: now, zone: zone).start, shifts: shifts, zone: zone)
        let snapshot = try store.loadCaseload()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let fortnight = calendar.startOfDay(for: now.addingTimeInterval(-13 * 86_400))
        let contacts = try store.contactStamps(from: min(fortnight, window.start), to: max(window.end, now))
        let saved = try store.loadHandover(shift.handoverID)
        let previous = try store.loadHandover(shift.previous.handoverID)?.handover
        // The alerts as the dashboard has them now, the last shift's handover included.
        let last = try store.loadHandover(shifts.shift(containing: now, zone: zone).previous.handoverID)
        let alerts = AlertRules.evaluate(snapshot: snapshot, now: now, thresholds: thresholds, handover: last, zone: zone)
        let report = HandoverBuilder.report(window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, saved: saved,
                                            previous: previous, now: now, zone: zone)
        var childNames: [ChildID: String] = [:], onlyNames: [ChildID: String] = [:], caseNumbers: [ChildID: String] = [:]
        for child in snapshot.children {
            childNames[child.id] = "\(child.displayName) \(child.caseNumber)"
            onlyNames[child.id] = child.displayName
            caseNumbers[child.id] = child.caseNumber.description
        }
        for (id, _) in snapshot.unreadableChildren {
            childNames[id] = UnreadableChild.name(unit: store.unitInfo.code)
            onlyNames[id] = childNames[id]
        }
        var workerNames: [WorkerID: String] = [:]
        for worker in snapshot.workers { workerNames[worker.id] = worker.displayName }
        let children = childNames, workers = workerNames, alone = onlyNames, numbers = caseNumbers
        let names = HandoverDocument.Names(child: { children[$0] ?? "a child no longer on the caseload" }, worker: { workers[$0] ?? "a worker" },
                                           name: { alone[$0] ?? "a child no longer on the caseload" }, caseNumber: { numbers[$0] })
        let text = HandoverDocument.render(report, format: format, unit: store.unitInfo.code, names: names, zone: zone)
        try store.recordExport("handover of \(window.longLabel) printed as \(format.rawValue)")
        return text
    }
}
