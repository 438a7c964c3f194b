import Foundation

/// The referral state machine of DOMAIN.md "Referral workflow". Every change of status goes
/// through `apply`, which finds the step's row in `transitions` (the one table of who may take
/// which step from which status), checks the role and the row's condition, and appends a
/// `Transition` to the timeline. The stores run it inside their transaction and save and audit
/// the result; the UI asks `refusal` the same table before it offers a key.
public enum ReferralWorkflow {
    /// Whether a cultural-safety review is required before this referral may be sent: the child
    /// names an Indigenous affiliation, the service is culturally specific, or a supervisor said so.
    public static func reviewRequired(_ referral: Referral, child: Child, service: Service) -> Bool {
        reviewRequired(child: child, service: service) || referral.review.requiredBySupervisor
    }

    /// Whether the rules themselves require a review for this child and service (a supervisor
    /// may require one for others).
    public static func reviewRequired(child: Child, service: Service) -> Bool {
        !reviewReasons(child: child, service: service).isEmpty
    }

    /// Why the rules require a review for this child and service, in words; empty when they do not.
    public static func reviewReasons(child: Child, service: Service) -> [String] {
        reviewReasons(identity: child.indigenousIdentity, service: service)
    }

    /// The same reasons from the caseload's summary of the child (the form drafting a referral).
    public static func reviewReasons(child: ChildSummary, service: Service) -> [String] {
        reviewReasons(identity: child.indigenousIdentity, service: service)
    }

    private static func reviewReasons(identity: IndigenousIdentity, service: Service) -> [String] {
        var reasons: [String] = []
        if identity.isIndigenous { reasons.append("the youth names an Indigenous affiliation") }
        if service.culturallySpecific { reasons.append("the service is culturally specific") }
        return reasons
    }

    /// Applies `command` and returns the changed referral, or throws saying why not.
    public static func apply(
        _ command: ReferralCommand, to referral: Referral, child: Child, service: Service, actor: Worker, now: Date
    ) throws(ReferralError) -> Referral {
        guard referral.child == child.id, referral.service == service.id else { throw .mismatchedRecords }
        guard actor.active else { throw .inactiveAccount }
        if case .noted(let step, let words) = command {
            var next = try apply(step, to: referral, child: child, service: service, actor: actor, now: now)
            let note = words.trimmingCharacters(in: .whitespacesAndNewlines)
            if !note.isEmpty, next.timeline.count > referral.timeline.count, next.timeline[next.timeline.count - 1].note.isEmpty {
                next.timeline[next.timeline.count - 1].note = note
            }
            return next
        }
        let from = referral.status
        if let refusal = refusal(command.step, from: from, role: actor.role) { throw refusal }
        let rows = rows(command.step, from: from)

        var next = referral
        var note = ""
        var condition: ReferralTransition.Condition?
        switch command {
        case .submit:
            let required = reviewRequired(referral, child: child, service: service)
            next.review.required = required
            next.review.decision = nil
            next.review.decidedAt = nil
            condition = required ? .reviewRequired : .noReviewRequired

        case .approve(let checklist, let comment):
            if let problem = approvalProblem(checklist, comment: comment, questions: referral.review.checklist.map(\.question)) {
                throw problem
            }
            note = comment.trimmingCharacters(in: .whitespacesAndNewlines)
            next.review.checklist = checklist.map { item in
                var kept = item
                kept.comment = item.comment.trimmingCharacters(in: .whitespacesAndNewlines)
                return kept
            }
            record(.approved, comment: note, by: actor, at: now, on: &next)

        case .return(let comment, let checklist):
            note = try words(comment, else: "a comment saying why the referral is returned")
            // Partial answers are kept (nothing typed is lost); only the questions asked count.
            let questions = referral.review.checklist.map(\.question)
            if let checklist, checklist.map(\.question) == questions {
                next.review.checklist = checklist.map { item in
                    var kept = item
                    kept.comment = item.comment.trimmingCharacters(in: .whitespacesAndNewlines)
                    return kept
                }
            }
            record(.returned, comment: note, by: actor, at: now, on: &next)

        case .overrideApprove(let reason):
            note = try words(reason, else: "a reason for approving without a liaison's review")
            record(.overridden, comment: note, by: actor, at: now, on: &next)

        case .send:
            guard referral.consent.state == .given else { throw .consentNotGiven(referral.consent.state) }

        case .waitlist, .accept, .start, .complete:
            break

        case .decline(let reason):
            note = try words(reason, else: "the reason the service declined")

        case .withdraw(let reason):
            note = try words(reason, else: "a reason for withdrawing the referral")

        case .noted:
            break // unwrapped above
        case .markReviewRequired:
            if referral.review.required || referral.review.requiredBySupervisor { throw .reviewAlreadyRequired }
            next.review.requiredBySupervisor = true
        }

        guard let row = rows.first(where: { condition == nil || $0.condition == condition }) else {
            throw .notFromStatus(command: command.verb, status: from)
        }
        if row.changesStatus {
            next.status = row.to
            next.timeline.append(Transition(from: from, to: row.to, by: actor.id, at: now, note: note))
        }
        return next
    }

    /// Why `role` cannot take `step` from `status`, before any words or answers are looked at;
    /// nil when the table allows it. The order is the one `apply` refuses in: a final status,
    /// then a step the status does not have, then the role.
    public static func refusal(_ step: ReferralStep, from status: Referral.Status, role: Role) -> ReferralError? {
        if status.isFinal { return .finalStatus(status) }
        guard let row = rows(step, from: status).first else { return .notFromStatus(command: step.verb, status: status) }
        guard role.may(row.permission) else {
            // The permission to create a referral covers submitting and withdrawing one too:
            // the refusal names the step, not "create".
            let doing = row.permission == .createReferral ? "\(step.verb) a referral" : nil
            return .denied(PermissionDenied(permission: row.permission, role: role, doing: doing))
        }
        return nil
    }

    /// Why `role` cannot take `step` on this referral now (the table, and consent for sending);
    /// the UI greys out a key with these words.
    public static func refusal(_ step: ReferralStep, for referral: Referral, role: Role) -> ReferralError? {
        if let refusal = refusal(step, from: referral.status, role: role) { return refusal }
        if step == .send, referral.consent.state != .given { return .consentNotGiven(referral.consent.state) }
        if step == .markReviewRequired, referral.review.required || referral.review.requiredBySupervisor { return .reviewAlreadyRequired }
        return nil
    }

    /// What is wrong with an approval: a question missing or changed, one unanswered, or a "no"
    /// with no comment on it and no general comment. Nil when it may be approved.
    public static func approvalProblem(_ checklist: [CulturalSafetyReview.Item], comment: String, questions: [String]) -> ReferralError? {
        if checklist.isEmpty { return .unanswered(questions) }
        if checklist.map(\.question) != questions { return .checklistChanged }
        let unanswered = checklist.filter { $0.answer == nil }.map(\.question)
        if !unanswered.isEmpty { return .unanswered(unanswered) }
        let general = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        let bareNo = checklist.filter { $0.answer == .no && $0.comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if !bareNo.isEmpty && general.isEmpty { return .noAnswerNeedsComment(bareNo.map(\.question)) }
        return nil
    }

    /// The statuses a command may start from.
    public static func sources(of command: ReferralCommand) -> Set<Referral.Status> {
        Set(transitions.filter { $0.step == command.step }.map(\.from))
    }

    /// The permission a command needs, from the one table in `Permissions`.
    public static func permission(for command: ReferralCommand) -> Permission {
        transitions.first { $0.step == command.step }!.permission
    }

    /// True when `role` could apply `command` to a referral in `status` (inputs aside); the UI
    /// uses it to grey out keys.
    public static func allows(_ command: ReferralCommand, from status: Referral.Status, role: Role) -> Bool {
        refusal(command.step, from: status, role: role) == nil
    }

    private static func record(
        _ decision: CulturalSafetyReview.Decision, comment: String, by actor: Worker, at now: Date, on referral: inout Referral
    ) {
        referral.review.decision = decision
        referral.review.comment = comment
        referral.review.reviewer = actor.id
        referral.review.decidedAt = now
    }

    private static func words(_ text: String, else what: String) throws(ReferralError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .needsText(what) }
        return trimmed
    }
}
