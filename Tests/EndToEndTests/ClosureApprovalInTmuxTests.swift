import CareDomain
import CareStore
import Foundation
import Testing

/// The supervisor's approval of a closure on the real binary, from the sign-in screen: the
/// demo's waiting request is listed under closures (L), Enter opens the decision, Ctrl-S
/// approves, and the store holds the case closed, approved by the supervisor.
@Suite(.serialized)
struct ClosureApprovalInTmuxTests {
    @Test func aSupervisorSignsInAndApprovesTheWaitingClosure() throws {
        let demo = try DemoFixture()
        let before = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let pending = try #require(try before.loadCaseload().children.first(where: \.closurePending), "the demo has a closure waiting")
        try before.close()

        let tmux = try TmuxSession(command: "\(Fixture.careBinary) --store \(demo.store) --user demo-supervisor", environment: demo.environment)
        try tmux.waitFor(timeout: 30) { $0.contains("sign in") && $0.contains("demo-supervisor") }
        try tmux.type("demo")
        try tmux.send("Enter")
        try tmux.waitFor(timeout: 30) { $0.contains("Caseload (") }

        try tmux.send("X")
        let closures = try tmux.waitFor("Closures — 1 waiting for a supervisor")
        #expect(closures.contains(pending.caseNumber.description))
        #expect(closures.contains("Median days open"))
        try tmux.send("Enter")
        let form = try tmux.waitFor("Decide closure")
        #expect(form.contains("located and stable"))
        try tmux.send("C-s")
        try tmux.waitFor("Saved: closure approved, case closed")

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        defer { try? store.close() }
        let closed = try #require(try store.loadCaseload().children.first { $0.id == pending.id })
        #expect(!closed.isOpen)
        let supervisor = try #require(try store.loadCaseload().workers.first { $0.accountName == "demo-supervisor" })
        #expect(closed.closureRequest?.decision?.by == supervisor.id && closed.closureRequest?.decision?.approved == true)
        #expect(try store.auditTrail(of: pending.id).contains { $0.summary == "closure approved, case closed" })
    }
}
