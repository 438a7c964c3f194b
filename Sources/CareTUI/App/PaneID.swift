/// The four panes of the main screen, in Tab order. The number is the key that jumps to it.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case caseload = 1
    case child = 2
    case referrals = 3
    case alerts = 4

    public var title: String {
        switch self {
        case .caseload: "Caseload"
        case .child: "Child"
        case .referrals: "Referral queue"
        case .alerts: "Alerts"
        }
    }

    public var next: PaneID { PaneID(rawValue: rawValue % 4 + 1)! }
    public var previous: PaneID { PaneID(rawValue: (rawValue + 2) % 4 + 1)! }
}
