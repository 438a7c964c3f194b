import Foundation

/// The unit's annual report as it may leave the unit: `UnitFigures` with every small count
/// suppressed. Built once here, so every output (text, Markdown, CSV, JSON) shows the same
/// values and none can print a count the others hide.
///
/// Suppression, so no child can be picked out of the figures:
/// - a count under 5 (0 included) is shown as "<5";
/// - in a breakdown that adds up to a published total, when only one row was suppressed the
///   next smallest row is suppressed too, so the hidden one cannot be worked out by subtraction;
/// - "under 15" is suppressed when the children served who were 15 or over are under 5;
/// - a share is shown only when both its part and the rest are 5 or more; a median or an
///   average only when it is over 5 or more values.
public struct UnitReport: Sendable, Equatable {
    /// The smallest count that is shown.
    public static let threshold = 5

    public var year: Int
    public var unit: String
    public var sections: [Section]

    public struct Section: Sendable, Equatable {
        public var title: String
        public var rows: [Row]
        /// Words under the section: how its figures were counted.
        public var note: String
        /// Whether the rows are a breakdown worth drawing as bars on a terminal.
        public var isBreakdown: Bool
    }

    public struct Row: Sendable, Equatable {
        public var label: String
        public var value: Value
    }

    /// One published figure.
    public enum Value: Sendable, Equatable {
        /// A count of 5 or more.
        case count(Int)
        /// A count under 5, or one that would reveal one.
        case suppressed
        /// A share in percent.
        case percent(Double)
        /// A median or an average, with its unit ("hours", "days", "per child").
        case measure(Double, unit: String)
        /// A share, median or average left out because it rests on fewer than 5 cases (or
        /// would reveal a count under 5).
        case tooFew

        /// The words every output prints.
        public var text: String {
            switch self {
            case .count(let n): String(n)
            case .suppressed: "<5"
            case .percent(let p): String(format: "%.0f%%", p)
            case .measure(let x, let unit): String(format: "%.1f", x) + " " + unit
            case .tooFew: "not reported (fewer than 5)"
            }
        }

        /// The count, when one is shown.
        public var count: Int? {
            if case .count(let n) = self { return n }
            return nil
        }
    }

    public init(_ figures: UnitFigures) {
        year = figures.year
        unit = figures.unit
        let served = figures.childrenServed
        let t = Self.threshold
        func count(_ n: Int) -> Value { n < t ? .suppressed : .count(n) }
        func share(_ part: Int, of whole: Int) -> Value {
            part < t || whole - part < t ? .tooFew : .percent(Double(part) * 100 / Double(whole))
        }
        func median(_ values: [Double], unit: String) -> Value {
            values.count < t ? .tooFew : .measure(Self.median(values), unit: unit)
        }

        var sections: [Section] = []
        sections.append(Section(
            title: "Children and youth served",
            rows: [
                Row(label: "children and youth served", value: count(served)),
                Row(label: "under 15", value: served - figures.under15 < t ? .suppressed : count(figures.under15)),
            ],
            note: "Open on at least one day of \(figures.year); age on 1 January, or on the day the case opened if later.",
            isBreakdown: false))
        sections.append(Section(
            title: "By age",
            rows: Self.breakdown(UnitFigures.AgeBand.allCases.map { ($0.label, figures.byAge[$0] ?? 0) }),
            note: "Age on 1 January, or on the day the case opened if later; an estimated age counts from its estimate.",
            isBreakdown: true))
        sections.append(Section(
            title: "By Indigenous identity",
            rows: Self.breakdown(UnitFigures.IdentityGroup.allCases.map { ($0.rawValue, figures.byIdentity[$0] ?? 0) }),
            note: "A youth who names more than one affiliation counts under each.",
            isBreakdown: true))
        sections.append(Section(
            title: "By exploitation status",
            rows: Self.breakdown(ExploitationStatus.allCases.map { ($0.rawValue, figures.byExploitation[$0] ?? 0) }),
            note: "As recorded when this report was made.",
            isBreakdown: true))
        sections.append(Section(
            title: "Missing episodes",
            rows: [
                Row(label: "episodes", value: count(figures.missingEpisodes)),
                Row(label: "median time missing", value: median(figures.hoursMissing, unit: "hours")),
                Row(label: "reported to police within 2 h", value: share(figures.reportedToPoliceWithin2h, of: figures.missingEpisodes)),
            ],
            note: "Episodes reported in \(figures.year); time missing from last seen to located, of episodes that have ended; "
                + "police within 2 h of last seen.",
            isBreakdown: false))
        sections.append(Section(
            title: "Referrals by outcome",
            rows: Self.breakdown(Referral.Status.allCases.map { ($0.rawValue, figures.referralsByOutcome[$0] ?? 0) }),
            note: "Referrals made in \(figures.year), by their status now.",
            isBreakdown: true))
        sections.append(Section(
            title: "Referrals by service category",
            rows: Self.breakdown(Service.Category.allCases.map { ($0.rawValue, figures.referralsByCategory[$0] ?? 0) }),
            note: "Referrals made in \(figures.year), by the category of the service.",
            isBreakdown: true))
        sections.append(Section(
            title: "Culturally safe referrals",
            rows: [
                Row(label: "referrals made", value: count(figures.referrals)),
                Row(label: "needing a cultural-safety review", value: count(figures.culturallySafeReferrals)),
                Row(label: "reviewed by a liaison", value: share(figures.reviewedByLiaison, of: figures.culturallySafeReferrals)),
                Row(label: "median time from draft to sent", value: median(figures.daysDraftToSent, unit: "days")),
            ],
            note: "A review is needed when the youth is Indigenous, the service is culturally specific, or a supervisor asked; "
                + "a supervisor's override is not a liaison's review.",
            isBreakdown: false))
        let perChild = figures.contactsPerChild.map(Double.init)
        sections.append(Section(
            title: "Contacts",
            rows: [
                Row(label: "contacts logged", value: count(figures.contacts)),
                Row(label: "average per child", value: served < t ? .tooFew : .measure(Double(figures.contacts) / Double(served), unit: "per child")),
                Row(label: "median per child", value: median(perChild, unit: "per child")),
            ],
            note: "Contacts in \(figures.year) with children served.",
            isBreakdown: false))
        self.sections = sections
    }

    /// Rows of a breakdown: small counts suppressed, and a second one when a single suppressed
    /// row could be worked out from the total.
    public static func breakdown(_ counts: [(String, Int)]) -> [Row] {
        var hidden = Set(counts.indices.filter { counts[$0].1 < threshold })
        if hidden.count == 1, let next = counts.indices.filter({ !hidden.contains($0) }).min(by: { counts[$0].1 < counts[$1].1 }) {
            hidden.insert(next)
        }
        return counts.indices.map { Row(label: counts[$0].0, value: hidden.contains($0) ? .suppressed : .count(counts[$0].1)) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
