import CareDomain
import Foundation
import Testing

/// `Rare` boxes an optional most values lack: it reads, writes, compares and codes as the
/// optional it holds, and a copy changed leaves the original as it was.
@Suite struct RareTests {
    struct Holder: Codable, Equatable {
        var name: String
        @Rare var plan: TransitionPlan?
    }

    struct Plain: Codable, Equatable {
        var name: String
        var plan: TransitionPlan?
    }

    func plan(owner: String) -> TransitionPlan {
        var plan = TransitionPlan()
        plan.entries[0] = .init(item: .housing, owner: owner, due: DayDate(year: 2027, month: 2, day: 1), state: .underway, detail: "Test flat")
        return plan
    }

    @Test func itHoldsChangesAndComparesAsTheOptional() {
        var holder = Holder(name: "Test", plan: nil)
        #expect(holder.plan == nil)
        holder.plan = plan(owner: "the youth")
        #expect(holder.plan == plan(owner: "the youth"))
        let copy = holder
        holder.plan?.entries[0].owner = "Sam Example"
        #expect(copy.plan?.entries[0].owner == "the youth", "the copy keeps its own value")
        #expect(holder.plan?.entries[0].owner == "Sam Example")
        #expect(holder != copy)
        holder.plan = nil
        #expect(holder == Holder(name: "Test", plan: nil))
    }

    @Test func itCodesAsTheOptionalItBoxes() throws {
        for value in [nil, plan(owner: "the youth")] {
            let boxed = try JSONEncoder().encode(Holder(name: "Test", plan: value))
            let plain = try JSONDecoder().decode(Plain.self, from: boxed)
            #expect(plain == Plain(name: "Test", plan: value))
            #expect(try JSONDecoder().decode(Holder.self, from: JSONEncoder().encode(plain)) == Holder(name: "Test", plan: value))
        }
        // A key left out, as an optional's encoder leaves it out, decodes as nil.
        #expect(try JSONDecoder().decode(Holder.self, from: Data(#"{"name":"Test"}"#.utf8)) == Holder(name: "Test", plan: nil))
    }

    /// The point of it: a summary's rare values take a word each, not their width (560 bytes a
    /// child before; 50,000 children's summaries are held at once).
    @Test func aChildsSummaryStaysNarrow() {
        #expect(MemoryLayout<Rare<ClosureRequest>>.size == MemoryLayout<Int>.size)
        #expect(MemoryLayout<ChildSummary>.stride <= 400, "\(MemoryLayout<ChildSummary>.stride) bytes")
    }
}
