import Foundation

/// The referral state machine of DOMAIN.md "Referral workflow". Every change of status goes
/// through `apply`, which checks the state, the person's role and the words the change needs,
/// and appends a `Transition` to the timeline. The store saves and audits the result.
///
/// ```
/// draft ─submit─► awaiting review ─approve/override─► ready to send ─send─► sent
///   ▲                  │ return                          ▲ (no review required)  │
///   └──────────────────┘                                  └── draft              ├► waitlisted ─► accepted
///                                                                                ├► accepted ─► active ─► completed
///                                                                                └► declined (also from waitlisted)
/// any non-final ─withdraw─► withdrawn
/// ```
public enum ReferralWorkflow {
    /// Whether a cultural-safety review is required before this referral may be sent: the child
    /// names an Indigenous affiliation, the service is culturally specific, or a supervisor said so.
    public static func reviewRequired(_ referral: Referral, child: Child, service: Service) -> Bool {
        child.indigenousIdentity.isIndigenous || service.culturallySpecific || referral.review.requiredBySupervisor
    }

    /// Applies `command` and returns the changed referral, or throws saying why not.
    public static func apply(
        _ command: ReferralCommand, to referral: Referral, child: Child, service: Service, actor: Worker, now: Date
    ) throws(ReferralError) -> Referral {
        guard referral.child == child.id, referral.service == service.id else { throw .mismatchedRecords }
        guard actor.active else { throw .inactiveAccount }
        let from = referral.status
        if from.isFinal { throw .finalStatus(from) }
        let permission = permission(for: command)
        guard sources(of: command).contains(from) else { throw .notFromStatus(command: command.verb, status: from) }
        do { try permission.require(actor.role) } catch { throw .denied(error) }

        var next = referral
        var note = ""
        let to: Referral.Status
        switch command {
        case .submit:
            let required = reviewRequired(referral, child: child, service: service)
            next.review.required = required
            next.review.decision = nil
            next.review.decidedAt = nil
            to = required ? .awaitingReview : .readyToSend

        case .approve(let checklist, let comment):
            let unanswered = checklist.filter { $0.answer == nil }.map(\.question)
            if checklist.isEmpty || !unanswered.isEmpty {
                throw .unanswered(checklist.isEmpty ? referral.review.checklist.map(\.question) : unanswered)
            }
            let general = comment.trimmingCharacters(in: .whitespacesAndNewlines)
            let bareNo = checklist.filter { $0.answer == .no && $0.comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if !bareNo.isEmpty && general.isEmpty { throw .noAnswerNeedsComment(bareNo.map(\.question)) }
            next.review.checklist = checklist
            record(.approved, comment: general, by: actor, at: now, on: &next)
            note = general
            to = .readyToSend

        case .return(let comment):
            note = try words(comment, else: "a comment saying why the referral is returned")
            record(.returned, comment: note, by: actor, at: now, on: &next)
            to = .draft

        case .overrideApprove(let reason):
            note = try words(reason, else: "a reason for approving without a liaison's review")
            record(.overridden, comment: note, by: actor, at: now, on: &next)
            to = .readyToSend

        case .send:
            guard referral.consent.state == .given else { throw .consentNotGiven(referral.consent.state) }
            to = .sent

        case .waitlist:
            to = .waitlisted

        case .accept:
            to = .accepted

        case .decline(let reason):
            note = try words(reason, else: "the reason the service declined")
            to = .declined

        case .start:
            to = .active

        case .complete:
            to = .completed

        case .withdraw(let reason):
            note = try words(reason, else: "a reason for withdrawing the referral")
            to = .withdrawn

        case .markReviewRequired:
            if referral.review.required || referral.review.requiredBySupervisor { throw .reviewAlreadyRequired }
            next.review.requiredBySupervisor = true
            if from == .draft {
                // Not a status change: the review will be asked for when the draft is submitted.
                return next
            }
            next.review.required = true
            note = "review required by supervisor"
            to = .awaitingReview
        }

        next.status = to
        next.timeline.append(Transition(from: from, to: to, by: actor.id, at: now, note: note))
        return next
    }

    /// The statuses a command may start from.
    public static func sources(of command: ReferralCommand) -> Set<Referral.Status> {
        switch command {
        case .submit: [.draft]
        case .approve, .return, .overrideApprove: [.awaitingReview]
        case .send: [.readyToSend]
        case .waitlist: [.sent]
        case .accept: [.sent, .waitlisted]
        case .decline: [.sent, .waitlisted]
        case .start: [.accepted]
        case .complete: [.active]
        case .withdraw: Set(Referral.Status.allCases.filter { !$0.isFinal })
        case .markReviewRequired: [.draft, .readyToSend]
        }
    }

    /// The permission a command needs, from the one table in `Permissions`.
    public static func permission(for command: ReferralCommand) -> Permission {
        switch command {
        case .submit, .withdraw: .createReferral
        case .approve, .return: .reviewReferral
        case .overrideApprove, .markReviewRequired: .overrideReview
        case .send, .waitlist, .accept, .decline, .start, .complete: .sendReferral
        }
    }

    /// True when `role` could apply `command` to a referral in `status` (inputs aside); the UI
    /// uses it to grey out keys.
    public static func allows(_ command: ReferralCommand, from status: Referral.Status, role: Role) -> Bool {
        guard !status.isFinal, sources(of: command).contains(status) else { return false }
        return role.may(permission(for: command))
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
