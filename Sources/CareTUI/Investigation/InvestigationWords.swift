import CareDomain
import Foundation

/// The words the investigation screens share: warnings, proposals, a child's name as the
/// screen may show it, a link's line.
enum InvestigationWords {
    /// Pattern warnings, then merge proposals, one line each.
    static func notices(_ file: InvestigationFile, env: ScreenEnvironment) -> [String] {
        file.warnings.map { "⚠ Pattern: \(file.name(of: $0.target)) \($0.words)" }
            + file.mergeProposals.map { proposal in
                "≡ \(file.person(proposal.person)?.name ?? "a person") and \(file.person(proposal.other)?.name ?? "another person"): "
                    + proposal.words
            }
    }

    /// A child as these screens name them: masked or not, and a child not on the caseload (closed,
    /// unreadable) still named by what is known, never left out.
    static func child(_ id: ChildID, env: ScreenEnvironment) -> String {
        guard let child = env.dashboard.child(id) else {
            return env.snapshot.isUnreadable(id) ? env.name(ofChild: id) : "child not on the caseload (\(id.rawValue.prefix(8)))"
        }
        return env.dashboard.nameWithCase(ofChild: child.id)
    }

    /// Whether the child is missing now: an open missing episode, whether or not the child's own
    /// record opens.
    static func isMissing(_ id: ChildID, env: ScreenEnvironment) -> Bool {
        guard let child = env.dashboard.child(id) else { return env.snapshot.openEpisode(of: id) != nil }
        return env.snapshot.whereabouts(of: child).isMissing
    }

    /// The child's risk, after "MISSING" for a child missing now, so a missing child stands out
    /// in every list here.
    static func status(_ id: ChildID, env: ScreenEnvironment) -> String {
        guard let child = env.dashboard.child(id) else { return isMissing(id, env: env) ? "MISSING · risk not known" : "risk not known" }
        let risk = "\(child.riskLevel.symbol) \(child.riskLevel.word)"
        return env.snapshot.whereabouts(of: child).isMissing ? "MISSING · \(risk)" : risk
    }

    /// One lead on a line: when, from whom, about which child, what.
    static func lead(_ lead: Lead, env: ScreenEnvironment, withChild: Bool) -> String {
        let from = env.dashboard.workerName(lead.reportedBy) ?? "a worker"
        return "✉ Lead \(TimeText.format(lead.reportedAt, zone: env.zone)) from \(from) (\(lead.source.rawValue))"
            + (withChild ? " about \(child(lead.child, env: env))" : "") + ": " + lead.text.replacingOccurrences(of: "\n", with: " ")
    }

    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : many ?? one + "s")"
    }

    static func link(_ link: InvestigationLink) -> String {
        "\(link.date) · \(link.source.rawValue) · \(link.confidence.rawValue)"
    }
}
