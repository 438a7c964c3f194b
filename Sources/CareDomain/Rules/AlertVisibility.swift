import Foundation

/// Which alerts people still need to see: those nobody acknowledged, or snoozed until a time
/// still to come, for the cause they have now. An answer holds only for what was answered: an
/// alert whose cause got worse comes back, with the earlier answer beside it. A child missing
/// now is never hidden: answering that alert marks it answered and it stays listed.
public struct AlertVisibility: Sendable, Equatable {
    /// The alerts to show, in the order given.
    public var shown: [Alert]
    /// Acknowledged or snoozed, in the order given; listed only when asked for.
    public var hidden: [Alert]
    /// Shown alerts answered for their cause as it is now (a missing child's), by alert id:
    /// listed as "acknowledged by … at …", not counted as unanswered.
    public var answered: [String: AlertResponse]
    /// Shown alerts answered earlier for a lesser cause, by alert id: the earlier note is shown.
    public var earlier: [String: AlertResponse]

    public init(shown: [Alert] = [], hidden: [Alert] = [], answered: [String: AlertResponse] = [:], earlier: [String: AlertResponse] = [:]) {
        self.shown = shown
        self.hidden = hidden
        self.answered = answered
        self.earlier = earlier
    }

    /// Splits `alerts` by `responses` as they stand at `now`.
    public init(_ alerts: [Alert], responses: [AlertResponse], now: Date) {
        let byAlert = Self.answersByAlert(responses)
        var visibility = AlertVisibility()
        for alert in alerts {
            let standing = Standing(of: alert, answers: byAlert[alert.id] ?? [], at: now)
            if standing.hidden {
                visibility.hidden.append(alert)
                continue
            }
            visibility.shown.append(alert)
            if let answered = standing.answered {
                visibility.answered[alert.id] = answered
            } else if let earlier = standing.earlier {
                visibility.earlier[alert.id] = earlier
            }
        }
        self = visibility
    }

    /// `responses` by the alert they answer, in the order given.
    public static func answersByAlert(_ responses: [AlertResponse]) -> [String: [AlertResponse]] {
        var byAlert: [String: [AlertResponse]] = [:]
        for response in responses { byAlert[response.alertID, default: []].append(response) }
        return byAlert
    }

    /// Where the answers given to one alert leave it: hidden, or shown with the answer that holds
    /// for its cause as it is now (a missing child's), else the newest answer to an earlier cause.
    /// The one rule both the whole split (`init`) and the dashboard's kept one (`AlertList`) follow.
    public struct Standing: Sendable, Equatable {
        public let hidden: Bool
        public let answered: AlertResponse?
        public let earlier: AlertResponse?

        /// `answers` are those given to `alert`'s id (`answersByAlert`).
        public init(of alert: Alert, answers: [AlertResponse], at now: Date) {
            // The newest answer that still holds, else the newest given to this alert at all.
            let holding = answers.filter { $0.answers(alert, at: now) }.max { $0.at < $1.at }
            hidden = holding != nil && !alert.staysListedWhenAnswered
            answered = hidden ? nil : holding
            earlier = hidden || holding != nil ? nil : answers.max(by: { $0.at < $1.at })
        }
    }

    /// Shown alerts nobody has answered for their cause as it is now.
    public var unanswered: [Alert] { shown.filter { answered[$0.id] == nil } }
}
