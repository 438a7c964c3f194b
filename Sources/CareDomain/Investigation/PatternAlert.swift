import Foundation

/// A pattern warning as an alert on the dashboard of police and supervisors: "Pattern: Demo K.
/// (fictional) linked to 4 children within 90 days". It names a person or place, so it comes
/// only from investigation records the store has audited the view of
/// (`InvestigationView.warnings`), never from the caseload, and it is about no one child: the
/// handover, which every role reads, leaves it out.
public enum PatternAlert {
    /// One alert per warning in `file`, dated the day of the warning's latest link.
    public static func alerts(_ file: InvestigationFile, zone: TimeZone) -> [Alert] {
        file.warnings.map { warning in
            Alert(id: id(of: warning.target), rule: .pattern, severity: .warning, child: nil,
                  message: "Pattern: \(file.name(of: warning.target)) linked to \(warning.children.count) children within \(PatternRule.window) days",
                  since: warning.to.startOfDay(in: zone) ?? .distantPast, level: warning.children.count)
        }
    }

    /// `pattern:person:<id>` or `pattern:place:<id>`.
    public static func id(of target: InvestigationTarget) -> String {
        switch target {
        case .person(let id): "\(AlertRule.pattern.key):person:\(id.rawValue)"
        case .place(let id): "\(AlertRule.pattern.key):place:\(id.rawValue)"
        }
    }

    /// The person or place a pattern alert's id names.
    public static func target(ofAlertID alertID: String) -> InvestigationTarget? {
        let parts = alertID.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == AlertRule.pattern.key else { return nil }
        switch parts[1] {
        case "person": return .person(PersonID(rawValue: parts[2]))
        case "place": return .place(PlaceID(rawValue: parts[2]))
        default: return nil
        }
    }
}
