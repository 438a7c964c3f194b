import Foundation

/// Which alerts people still need to see: those nobody acknowledged, or snoozed until a time
/// still to come, for the cause they have now.
public struct AlertVisibility: Sendable, Equatable {
    /// The alerts to show, in the order given.
    public var shown: [Alert]
    /// Acknowledged or snoozed, in the order given; listed only when asked for.
    public var hidden: [Alert]

    public init(shown: [Alert] = [], hidden: [Alert] = []) {
        self.shown = shown
        self.hidden = hidden
    }

    /// Splits `alerts` by `responses` as they stand at `now`.
    public init(_ alerts: [Alert], responses: [AlertResponse], now: Date) {
        var byAlert: [String: [AlertResponse]] = [:]
        for response in responses { byAlert[response.alertID, default: []].append(response) }
        var shown: [Alert] = []
        var hidden: [Alert] = []
        for alert in alerts {
            if let answers = byAlert[alert.id], answers.contains(where: { $0.hides(alert, at: now) }) {
                hidden.append(alert)
            } else {
                shown.append(alert)
            }
        }
        self.init(shown: shown, hidden: hidden)
    }
}
