import CareDomain
import Foundation
import TextUI

/// One referral in full: the service, the reason, the consent, the cultural-safety review with
/// every answer and comment (an override shown as one), and the timeline of every step with who
/// and when. The referral keys (`a` `x` `S` `u` `w` `c` `e` `o`) act on it; it reads the referral
/// from the snapshot each frame, so a step just taken shows at once.
public struct ReferralScreen: ScreenController {
    public let id: Int
    public let referral: ReferralID
    public var scroll = ScrollView()
    /// Whether the store wrote this view's audit event: nothing of the referral is shown before.
    public var audited = false

    public static let keyChain = KeyChain([.referral, .referrals, .global])
    public var keyChain: KeyChain { Self.keyChain }

    public init(id: Int, referral: ReferralID) {
        self.id = id
        self.referral = referral
    }

    typealias Line = Paragraph.Line

    /// Everything the screen shows, top to bottom, before scrolling.
    func lines(_ env: ScreenEnvironment) -> [Line] {
        guard audited else { return [Line("Recording this view in the audit trail…", .muted)] }
        let dashboard = env.dashboard
        guard let referral = dashboard.referral(referral) else { return [Line("This referral is no longer in the store.", .muted)] }
        let zone = env.zone
        func when(_ date: Date) -> String { TimeText.format(date, zone: zone) }
        func who(_ id: WorkerID?) -> String { dashboard.workerName(id) ?? "a worker no longer listed" }
        let service = dashboard.service(referral.service)
        var lines: [Line] = []

        let since = Durations.short(from: referral.statusSince, to: env.now)
        lines.append(Line("\(referral.status.rawValue.uppercased()) for \(since) · \(referral.priority == .urgent ? "URGENT" : "routine")", .emphasis))
        if let service {
            lines.append(Line("Service   \(service.name) — \(service.category.rawValue)"))
            var marks = [service.provider]
            if service.indigenousLed { marks.append("Indigenous-led") }
            if service.culturallySpecific { marks.append("culturally specific") }
            lines.append(Line("          \(marks.joined(separator: " · "))"))
            lines.append(Line("          languages: \(service.languages.joined(separator: ", ")) · \(service.region)", .muted))
        } else {
            lines.append(Line("Service   a service no longer in the catalogue", .muted))
        }
        lines.append(Line("Child     \(dashboard.nameWithCase(ofChild: referral.child))"))
        lines.append(Line("Reason    " + referral.reason.replacingOccurrences(of: "\n", with: " / ")))
        lines.append(Line("Drafted   \(when(referral.createdAt)) by \(who(referral.createdBy))"))

        let consent = referral.consent
        switch consent.state {
        case .pending:
            lines.append(Line("Consent   PENDING — the referral cannot be sent until the youth's consent is given (c records it)", .alertWarning))
        case .given, .refused:
            let at = consent.at.map { " at \(when($0))" } ?? ""
            let recorded = consent.recordedBy.map { " · recorded by \(who($0))" } ?? ""
            lines.append(Line("Consent   \(consent.state.rawValue.uppercased()) by \(consent.by)\(at)\(recorded)",
                              consent.state == .given ? .normal : .alertWarning))
        }

        lines.append(Line(""))
        lines += reviewLines(referral, env: env)
        lines.append(Line(""))
        lines.append(Line("Timeline", .title))
        for step in ReferralSteps.steps(of: referral) {
            let note = step.note.isEmpty ? "" : " — \(step.note.replacingOccurrences(of: "\n", with: " / "))"
            lines.append(Line("  \(when(step.at))  \(step.what) · \(who(step.by))\(note)"))
        }
        return lines
    }

    func reviewLines(_ referral: Referral, env: ScreenEnvironment) -> [Line] {
        let review = referral.review
        let dashboard = env.dashboard
        func who(_ id: WorkerID?) -> String { dashboard.workerName(id) ?? "a worker no longer listed" }
        var lines: [Line] = []
        let child = dashboard.child(referral.child)
        let service = dashboard.service(referral.service)
        let reasons = child.flatMap { c in service.map { ReferralWorkflow.reviewReasons(child: c, service: $0) } } ?? []
        var required = reasons
        if review.requiredBySupervisor { required.append("a supervisor required it") }
        if required.isEmpty {
            lines.append(Line("Cultural-safety review: not required", .title))
        } else {
            lines.append(Line("Cultural-safety review: required (\(required.joined(separator: "; ")))", .title))
        }
        switch review.decision {
        case .approved?:
            lines.append(Line("  Approved by \(who(review.reviewer))\(review.decidedAt.map { " at \(TimeText.format($0, zone: env.zone))" } ?? "")"))
        case .returned?:
            lines.append(Line("  Returned by \(who(review.reviewer))\(review.decidedAt.map { " at \(TimeText.format($0, zone: env.zone))" } ?? ""): \(review.comment)", .alertWarning))
        case .overridden?:
            lines.append(Line("  SUPERVISOR OVERRIDE by \(who(review.reviewer))\(review.decidedAt.map { " at \(TimeText.format($0, zone: env.zone))" } ?? "") — no liaison's review", .alertWarning))
            lines.append(Line("  Reason: \(review.comment)", .alertWarning))
        case nil:
            if referral.status == .awaitingReview { lines.append(Line("  Awaiting a liaison's review.", .muted)) }
        }
        if review.decision == .approved {
            if !review.comment.isEmpty { lines.append(Line("  Comment: \(review.comment)")) }
            for (n, item) in review.checklist.enumerated() {
                let answer = item.answer.map { $0 == .notApplicable ? "N/A" : $0.rawValue.uppercased() } ?? "—"
                lines.append(Line("  \(n + 1). \(DisplayWidth.pad(answer, to: 3))  \(item.question)", item.answer == .no ? .alertWarning : .normal))
                if !item.comment.isEmpty { lines.append(Line("           comment: \(item.comment)", .muted)) }
            }
        }
        return lines
    }

    /// The lines wrapped to `width`: a long line keeps its own spacing up to the last space that
    /// fits, and goes on under its text, indented.
    func wrapped(_ env: ScreenEnvironment, width: Int) -> [Line] {
        let width = max(20, width)
        return lines(env).flatMap { line -> [Line] in
            guard DisplayWidth.of(line.text) > width else { return [line] }
            let head = DisplayWidth.truncate(line.text, to: width, ellipsis: "")
            let cut = head.lastIndex(of: " ").map { head.distance(from: head.startIndex, to: $0) } ?? head.count
            let first = String(line.text.prefix(max(1, cut)))
            let indent = String(repeating: " ", count: line.text.hasPrefix("  ") ? 12 : 10)
            let rest = DisplayWidth.wrap(String(line.text.dropFirst(first.count)).trimmingCharacters(in: .whitespaces),
                                         width: width - indent.count)
            return [Line(first, line.role)] + rest.map { Line(indent + $0, line.role) }
        }
    }

    // MARK: The controller

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.command(.moveDown, "scroll"), .command(.cancel, "close")] + ReferralActions.queueHints
            + [.command(.editReferral, "edit"), .command(.goToChild, "child")]
    }

    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        if command == .nextReferralView { return "the views change in the referral queue pane" }
        guard let referral = env.dashboard.referral(referral) else { return "this referral is no longer in the store" }
        return ReferralActions.refusal(command, for: referral, role: env.role)
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        if let move = ScrollView.Move(command) { return scroll.apply(move) }
        switch command {
        case .cancel: return ctx.close()
        case .nextReferralView: return ctx.refuse(disabledReason(command, ctx.env) ?? "not here")
        default: break
        }
        guard let shown = ctx.env.dashboard.referral(referral) else {
            ctx.close()
            return ctx.say("This referral is no longer in the store.")
        }
        switch command {
        case .goToChild:
            ctx.close()
            ctx.request(.goToChild(shown.child))
        case .open where !ReferralActions.reviews(shown, role: ctx.env.role):
            break
        default:
            ReferralActions.run(command, on: shown, dashboard: ctx.env.dashboard, session: ctx.env.session, &ctx)
        }
    }

    /// The view's audit event: written, the referral shows; refused, the screen closes with the
    /// words (nothing of it was shown).
    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        switch answer {
        case .referralViewed(.success): audited = true
        case .referralViewed(.failure(let failure)):
            ctx.close()
            ctx.say(failure.words)
        default:
            if let words = answer.failureWords { ctx.say(words) }
        }
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let subject = env.dashboard.referral(referral).map { referral in
            "\(env.name(ofChild: referral.child)) · \(env.dashboard.service(referral.service)?.name ?? "service")"
        } ?? ""
        let inner = Overlay.box(in: area, width: 110, title: "Referral — \(subject)", buffer: &buffer, theme: theme)
        let text = Rect(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 1), height: inner.height)
        Paragraph(wrapped(env, width: text.width)).render(in: text, scroll: &scroll, buffer: &buffer, theme: theme)
        return nil
    }
}

/// A referral's story as the screen tells it: drafted, every transition, and the consent, in
/// order of time, each with who and when.
public enum ReferralSteps {
    public struct Step: Equatable, Sendable {
        public var at: Date
        public var what: String
        public var by: WorkerID?
        public var note: String
    }

    public static func steps(of referral: Referral) -> [Step] {
        var steps = [Step(at: referral.createdAt, what: "drafted", by: referral.createdBy, note: "")]
        for transition in referral.timeline {
            var what = "\(transition.from.rawValue) → \(transition.to.rawValue)"
            if transition.from == .awaitingReview, transition.to == .readyToSend, referral.review.decision == .overridden {
                what += " (override)"
            }
            steps.append(Step(at: transition.at, what: what, by: transition.by, note: transition.note))
        }
        let consent = referral.consent
        if consent.state != .pending, let at = consent.at {
            steps.append(Step(at: at, what: "consent \(consent.state.rawValue) (by \(consent.by))", by: consent.recordedBy, note: ""))
        }
        // Stable: a transition and the consent at the same minute keep the order above.
        return steps.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
