import CareDomain
import Foundation
import TOMLKit

/// The `[alerts]` table of `config.toml`: each threshold of DOMAIN.md's alert table by a name
/// that says its unit. A value out of range is reported and the default kept.
enum AlertConfig {
    /// Every name the table takes, with its unit and allowed range, in the order of DOMAIN.md.
    static let names: [(name: String, unit: String, range: ClosedRange<Double>)] = [
        ("police_not_told_hours", "hours", 0.25...72),
        ("contact_days", "days per risk level", 0.25...90),
        ("repeated_missing_count", "episodes", 2...20),
        ("repeated_missing_days", "days", 7...730),
        ("debrief_hours", "hours", 1...720),
        ("review_awaiting_days", "days", 0.25...60),
        ("referral_no_response_days", "days", 1...90),
        ("aging_out_days", "days", 1...730),
        ("court_days", "days", 1...90),
        ("handover_acknowledge_hours", "hours", 0.25...12),
    ]

    static func read(_ table: TOMLTable, file: String, problems: inout [String]) -> AlertThresholds {
        var thresholds = AlertThresholds.standard
        let hour = AlertThresholds.hour, day = AlertThresholds.day
        for (name, value) in table {
            guard let spec = names.first(where: { $0.name == name }) else {
                problems.append("\(file): [alerts] \(name) is not a threshold; the names are \(names.map(\.name).joined(separator: ", ")).")
                continue
            }
            if name == "contact_days" {
                readCadence(value, spec.range, file: file, problems: &problems, into: &thresholds)
                continue
            }
            guard let number = Self.number(value), spec.range.contains(number) else {
                problems.append("\(file): [alerts] \(name) must be a number of \(spec.unit) from \(words(spec.range.lowerBound)) to \(words(spec.range.upperBound)); keeping the default.")
                continue
            }
            switch name {
            case "police_not_told_hours": thresholds.policeNotToldAfter = number * hour
            case "repeated_missing_count": thresholds.repeatedMissingCount = Int(number)
            case "repeated_missing_days": thresholds.repeatedMissingWindow = number * day
            case "debrief_hours": thresholds.debriefWithin = number * hour
            case "review_awaiting_days": thresholds.reviewAwaitingFor = number * day
            case "referral_no_response_days": thresholds.referralNoResponseAfter = number * day
            case "aging_out_days": thresholds.agingOutWithinDays = Int(number)
            case "court_days": thresholds.courtWithin = number * day
            case "handover_acknowledge_hours": thresholds.handoverAcknowledgeWithin = number * hour
            default: break
            }
        }
        return thresholds
    }

    /// `contact_days = { critical = 1, high = 2, medium = 7, low = 14 }`: any of the levels.
    private static func readCadence(_ value: TOMLValueConvertible, _ range: ClosedRange<Double>, file: String, problems: inout [String],
                                    into thresholds: inout AlertThresholds) {
        guard let levels = value.table else {
            problems.append("\(file): [alerts] contact_days must be a table such as { critical = 1, high = 2, medium = 7, low = 14 }.")
            return
        }
        for (level, days) in levels {
            guard let risk = RiskLevel(rawValue: level) else {
                problems.append("\(file): [alerts] contact_days: \(level) is not a risk level (low, medium, high, critical).")
                continue
            }
            guard let number = number(days), range.contains(number) else {
                problems.append("\(file): [alerts] contact_days.\(level) must be a number of days from \(words(range.lowerBound)) to \(words(range.upperBound)); keeping the default.")
                continue
            }
            thresholds.contactCadence[risk] = number * AlertThresholds.day
        }
    }

    private static func number(_ value: TOMLValueConvertible) -> Double? {
        value.int.map(Double.init) ?? value.double
    }

    private static func words(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
