import Foundation
import Testing
@testable import CareDomain

/// The transfer table against its diagram, and `TransferWorkflow.apply` for every step from
/// every state by every role: what the table allows happens and lands where it says, everything
/// else is refused. Then what each answer does to the sending copy: only an acceptance closes
/// it and makes it read-only; a revoke makes a later acceptance refused in words.
@Suite("Transfer workflow")
struct TransferWorkflowTests {
    typealias F = Fixture
    static let receiver = "AUTH 1111 (test)"
    static let other = "AUTH 2222 (test)"

    static let diagram: Set<String> = [
        "send: not sent → pending", "send: rejected → pending", "send: revoked → pending",
        "revoke: pending → revoked", "accept: pending → accepted", "reject: pending → rejected",
    ]

    @Test("the table has exactly the diagram's arrows, and only supervisors take them")
    func tableIsTheDiagram() {
        let table = TransferWorkflow.transitions.map { "\($0.step.rawValue): \($0.from.rawValue) → \($0.to.rawValue)" }
        #expect(Set(table) == Self.diagram && table.count == Self.diagram.count)
        for row in TransferWorkflow.transitions {
            #expect(Set(Role.allCases.filter { $0.may(row.permission) }) == [.supervisor], "\(row)")
        }
    }

    /// A child whose transfer (id "t1", to `receiver`) is in `state`.
    static func child(in state: TransferState) -> Child {
        var child = F.child(1)
        guard state != .notSent else { return child }
        var transfer = TransferOut(id: "t1", toAuthority: receiver, toUnit: "OTH", consent: "Youth agreed in person (test)", by: F.supervisor.id,
                                   at: F.now - F.day, state: state)
        if state != .pending { transfer.outcome = .init(at: F.now - F.hour, recordedBy: F.supervisor.id, recordedAt: F.now - F.hour, reason: "Earlier (test)") }
        child.transferredOut = transfer
        if state == .accepted { child.closure = Closure(on: F.today, reason: "transferred to another society") }
        return child
    }

    static func command(_ step: TransferStep) -> TransferCommand {
        switch step {
        case .send: .send(id: "t2", toAuthority: receiver, toUnit: "OTH", toKey: nil, consent: "Youth agreed by phone (test)")
        case .revoke: .revoke(reason: "Youth changed their mind (test)")
        case .accept: .accepted(id: "t1", fromAuthority: receiver, at: F.now - F.minute, caseNumberThere: "OTH-2026-0001")
        case .reject: .rejected(id: "t1", fromAuthority: receiver, at: F.now - F.minute, reason: "No bed in our area (test)")
        }
    }

    @Test("every step from every state by every role: allowed exactly where the table says, landing where it says",
          arguments: TransferStep.allCases, TransferState.allCases)
    func everyStep(step: TransferStep, state: TransferState) {
        for role in Role.allCases {
            let row = TransferWorkflow.transitions.first { $0.step == step && $0.from == state }
            let allowed = row.map { role.may($0.permission) } ?? false
            do {
                let next = try TransferWorkflow.apply(Self.command(step), to: Self.child(in: state), missingNow: false, actor: F.worker(role),
                                                      now: F.now, zone: .gmt)
                #expect(allowed, "\(step) from \(state) by \(role) should be refused")
                #expect(TransferWorkflow.state(of: next) == row?.to, "\(step) from \(state) by \(role)")
            } catch {
                #expect(!allowed, "\(step) from \(state) by \(role) refused: \(error)")
                if row == nil { #expect(error == .notFrom(step, state)) } else { #expect({ if case .denied = error { true } else { false } }()) }
            }
        }
    }

    @Test("sending leaves the child open and editable; only the acceptance closes the copy and makes it read-only")
    func onlyAcceptanceMovesOwnership() throws {
        let sent = try TransferWorkflow.apply(Self.command(.send), to: F.child(1), missingNow: false, actor: F.supervisor, now: F.now, zone: .gmt)
        #expect(sent.isOpen && sent.transferredOut?.makesReadOnly == false)
        #expect(sent.transferredOut?.words(zone: .gmt).hasPrefix("transfer to OTH pending since") == true)
        let pending = Self.child(in: .pending)
        let accepted = try TransferWorkflow.apply(Self.command(.accept), to: pending, missingNow: false, actor: F.supervisor, now: F.now, zone: .gmt)
        #expect(!accepted.isOpen && accepted.closure?.reason == "transferred to another society" && accepted.transferredOut?.makesReadOnly == true)
        #expect(accepted.transferredOut?.words(zone: .gmt).hasPrefix("transferred to OTH on") == true)
        for step in [TransferStep.reject, .revoke] {
            let back = try TransferWorkflow.apply(Self.command(step), to: pending, missingNow: false, actor: F.supervisor, now: F.now, zone: .gmt)
            #expect(back.isOpen && back.transferredOut?.makesReadOnly == false, "\(step)")
            #expect(back.transferredOut?.outcome?.reason.isEmpty == false, "\(step) keeps its reason")
        }
    }

    @Test("an acceptance after a revoke is refused in words, the child staying with the sending unit")
    func acceptanceAfterRevoke() {
        #expect(throws: TransferError.notFrom(.accept, .revoked)) {
            try TransferWorkflow.apply(Self.command(.accept), to: Self.child(in: .revoked), missingNow: false, actor: F.supervisor, now: F.now, zone: .gmt)
        }
        #expect(TransferError.notFrom(.accept, .revoked).description.contains("revoked"))
    }

    @Test("an answer about another transfer, or from another unit, changes nothing")
    func answerMustMatch() {
        let pending = Self.child(in: .pending)
        for command in [TransferCommand.accepted(id: "t-other", fromAuthority: Self.receiver, at: F.now, caseNumberThere: "OTH-2026-0001"),
                        .accepted(id: "t1", fromAuthority: Self.other, at: F.now, caseNumberThere: "OTH-2026-0001"),
                        .rejected(id: "t1", fromAuthority: Self.other, at: F.now, reason: "No (test)")] {
            #expect(throws: TransferError.notThisTransfer) {
                try TransferWorkflow.apply(command, to: pending, missingNow: false, actor: F.supervisor, now: F.now, zone: .gmt)
            }
        }
    }

    @Test("sending needs consent, an open case and a child not missing now; revoking and rejecting need a reason")
    func conditions() {
        let cases: [(TransferCommand, Child, Bool)] = [
            (.send(id: "t2", toAuthority: Self.receiver, toUnit: nil, toKey: nil, consent: " "), F.child(1), false),
            (Self.command(.send), F.child(1), true),
            (.revoke(reason: "  "), Self.child(in: .pending), false),
            (.rejected(id: "t1", fromAuthority: Self.receiver, at: F.now, reason: ""), Self.child(in: .pending), false),
        ]
        for (command, child, missing) in cases {
            #expect(throws: TransferError.self, "\(command)") {
                try TransferWorkflow.apply(command, to: child, missingNow: missing, actor: F.supervisor, now: F.now, zone: .gmt)
            }
        }
        var closed = F.child(1)
        closed.closure = Closure(on: F.today, reason: "declined service")
        #expect(throws: TransferError.self) {
            try TransferWorkflow.apply(Self.command(.send), to: closed, missingNow: false, actor: F.supervisor, now: F.now, zone: .gmt)
        }
    }

    @Test("a record from before transfers waited for an answer counts as accepted: read-only")
    func olderRecords() {
        let old = TransferOut(toAuthority: Self.receiver, consent: "agreed (test)", by: F.supervisor.id, at: F.now, state: nil)
        #expect(old.currentState == .accepted && old.makesReadOnly)
    }
}
