import Foundation
import Testing
@testable import CareDomain

/// The case lifecycle's one table against its diagram, and `CaseLifecycle.apply` for every step,
/// from every state, by every role: what the table allows happens and lands where it says;
/// everything else is refused. Then the rules around it: no self-approval, closing over a block
/// only with a reason, reopening only by its own command.
@Suite("Case lifecycle")
struct CaseLifecycleTests {
    typealias F = Fixture
    static let otherSupervisor = Worker(id: WorkerID(rawValue: "w-su2"), accountName: "t-su2", displayName: "Jamie Supervisor-Sample",
                                        role: .supervisor, unit: "TST")

    static let diagram: Set<String> = [
        "request closure: open → closure pending", "approve closure: closure pending → closed",
        "reject closure: closure pending → open", "reopen: closed → open",
    ]

    @Test("the table has exactly the diagram's arrows")
    func tableIsTheDiagram() {
        let table = CaseLifecycle.transitions.map { "\($0.step.rawValue): \($0.from.rawValue) → \($0.to.rawValue)" }
        #expect(Set(table) == Self.diagram)
        #expect(table.count == Self.diagram.count)
    }

    @Test("who may: child protection and supervisors request and reopen, only supervisors decide, police and liaisons neither")
    func whoMay() {
        for row in CaseLifecycle.transitions {
            let roles = Set(Role.allCases.filter { $0.may(row.permission) })
            switch row.step {
            case .requestClosure, .reopen: #expect(roles == [.childProtection, .supervisor], "\(row)")
            case .approveClosure, .rejectClosure: #expect(roles == [.supervisor], "\(row)")
            }
        }
    }

    /// A child in `state`, its closure requested by the child protection worker.
    static func child(in state: CaseState) -> Child {
        var child = F.child(1)
        let request = ClosureRequest(reason: ClosureReason(choice: "located and stable"), note: "Stable at home (test)", closeOn: F.today,
                                     requestedBy: F.cp.id, requestedAt: F.now - F.day)
        switch state {
        case .open: break
        case .closurePending: child.closureRequest = request
        case .closed:
            child.closureRequest = request
            child.closureRequest?.decision = .init(approved: true, by: F.supervisor.id, at: F.now - F.hour, comment: "")
            child.closure = Closure(on: F.today, reason: "located and stable", requestedBy: F.cp.id, approvedBy: F.supervisor.id, at: F.now - F.hour)
        }
        return child
    }

    static func command(_ step: LifecycleStep) -> LifecycleCommand {
        switch step {
        case .requestClosure: .requestClosure(reason: ClosureReason(choice: "declined service"), note: "Youth declined (test)", closeOn: F.today)
        case .approveClosure: .approveClosure(comment: "Agreed (test)", overBlocks: nil)
        case .rejectClosure: .rejectClosure(comment: "Referral still open (test)")
        case .reopen: .reopen(reason: "New disclosure (test)")
        }
    }

    @Test("every step from every state by every role: allowed exactly where the table says, landing where it says",
          arguments: LifecycleStep.allCases, CaseState.allCases)
    func everyStep(step: LifecycleStep, state: CaseState) {
        for role in Role.allCases {
            // The approving supervisor is never the requester here (that is its own test).
            let actor = role == .supervisor ? Self.otherSupervisor : F.worker(role)
            let row = CaseLifecycle.transitions.first { $0.step == step && $0.from == state }
            let allowed = row.map { role.may($0.permission) } ?? false
            do {
                let next = try CaseLifecycle.apply(Self.command(step), to: Self.child(in: state), blocks: [], actor: actor, now: F.now, zone: .gmt)
                #expect(allowed, "\(step) from \(state) by \(role) should be refused")
                #expect(CaseState(next) == row?.to, "\(step) from \(state) by \(role)")
            } catch {
                #expect(!allowed, "\(step) from \(state) by \(role) refused: \(error)")
                if row == nil { #expect(error == .notFrom(step, state)) } else { #expect({ if case .denied = error { true } else { false } }()) }
            }
        }
    }

    @Test("nobody approves their own request, not even a supervisor; another supervisor may")
    func noSelfApproval() throws {
        var child = F.child(1)
        child = try CaseLifecycle.apply(Self.command(.requestClosure), to: child, blocks: [], actor: F.supervisor, now: F.now, zone: .gmt)
        #expect(throws: LifecycleError.ownRequest) {
            try CaseLifecycle.apply(Self.command(.approveClosure), to: child, blocks: [], actor: F.supervisor, now: F.now, zone: .gmt)
        }
        let closed = try CaseLifecycle.apply(Self.command(.approveClosure), to: child, blocks: [], actor: Self.otherSupervisor, now: F.now, zone: .gmt)
        #expect(closed.closure?.approvedBy == Self.otherSupervisor.id && closed.closure?.requestedBy == F.supervisor.id)
        #expect(closed.closure?.reason == "declined service" && closed.closure?.at == F.now)
    }

    @Test("a block stops approval unless a reason is given; a reason with no block is refused")
    func blocks() throws {
        let pending = Self.child(in: .closurePending)
        let blocks = [ClosureBlock.missing(EpisodeID(rawValue: "e1"))]
        #expect(throws: LifecycleError.blocked(blocks)) {
            try CaseLifecycle.apply(.approveClosure(comment: "", overBlocks: "  "), to: pending, blocks: blocks, actor: F.supervisor, now: F.now, zone: .gmt)
        }
        let closed = try CaseLifecycle.apply(.approveClosure(comment: "", overBlocks: "Youth moved to Example City; OPP searching (test)"),
                                             to: pending, blocks: blocks, actor: F.supervisor, now: F.now, zone: .gmt)
        #expect(closed.closure?.overReason == "Youth moved to Example City; OPP searching (test)")
        #expect(closed.closure?.overBlocks == [blocks[0].description])
        #expect(throws: LifecycleError.self) {
            try CaseLifecycle.apply(.approveClosure(comment: "", overBlocks: "no need (test)"), to: pending, blocks: [], actor: F.supervisor, now: F.now, zone: .gmt)
        }
    }

    @Test("what blocks: an open episode and a referral not yet accepted or ended; a located episode and an accepted referral do not")
    func whatBlocks() {
        let child = F.child(1)
        let open = F.episode(child, lastSeen: F.now - F.hour, id: "e-open")
        let located = F.episode(child, lastSeen: F.now - 3 * F.day, located: F.now - 2 * F.day, id: "e-located")
        let referrals = Referral.Status.allCases.map { F.referral(child, F.service(), status: $0, id: "r-\($0.rawValue)") }
        let blocks = ClosureBlock.blocks(episodes: [located, open], referrals: referrals)
        #expect(blocks.first == .missing(open.id))
        let blocking = Set(blocks.compactMap { if case .referral(_, let status) = $0 { status } else { nil } })
        #expect(blocking == [.draft, .awaitingReview, .readyToSend, .sent, .waitlisted])
    }

    @Test("a request needs a reason, words for \"other\", and a day between the opening and today")
    func requestWords() {
        let child = F.child(1)
        for (reason, day) in [(ClosureReason(choice: ""), F.today), (ClosureReason(choice: ClosureReason.other, otherWords: " "), F.today),
                              (ClosureReason(choice: "died"), DayDate(year: 2025, month: 1, day: 1)),
                              (ClosureReason(choice: "died"), DayDate(year: 2026, month: 11, day: 24))] {
            #expect(throws: LifecycleError.self) {
                try CaseLifecycle.apply(.requestClosure(reason: reason, note: "", closeOn: day), to: child, blocks: [], actor: F.cp, now: F.now, zone: .gmt)
            }
        }
    }

    @Test("a rejection needs a comment and leaves the case open with the comment for the worker")
    func rejection() throws {
        let pending = Self.child(in: .closurePending)
        #expect(throws: LifecycleError.self) {
            try CaseLifecycle.apply(.rejectClosure(comment: " "), to: pending, blocks: [], actor: F.supervisor, now: F.now, zone: .gmt)
        }
        let open = try CaseLifecycle.apply(Self.command(.rejectClosure), to: pending, blocks: [], actor: F.supervisor, now: F.now, zone: .gmt)
        #expect(open.isOpen && open.closureRequest?.decision?.approved == false)
        #expect(open.closureRequest?.decision?.comment == "Referral still open (test)")
    }

    @Test("reopening records who, when, why and the closure it undid; it needs a reason")
    func reopening() throws {
        let closed = Self.child(in: .closed)
        #expect(throws: LifecycleError.self) {
            try CaseLifecycle.apply(.reopen(reason: ""), to: closed, blocks: [], actor: F.cp, now: F.now, zone: .gmt)
        }
        let open = try CaseLifecycle.apply(Self.command(.reopen), to: closed, blocks: [], actor: F.cp, now: F.now, zone: .gmt)
        #expect(open.isOpen)
        #expect(open.reopening == Reopening(by: F.cp.id, at: F.now, reason: "New disclosure (test)", closure: closed.closure!))
    }
}
