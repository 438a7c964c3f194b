import CareDomain
@testable import CareTUI
import Foundation
import Testing

/// `ChildPlaces` keeps each child's place among the children and among the rows in one map: after
/// any run of rows added and taken out and children placed again, it must answer as the two
/// plain maps it replaced did.
@Suite struct ChildPlacesTests {
    static func summary(_ n: Int) -> ChildSummary {
        let child = Child(
            id: ChildID(rawValue: "places-test-child-\(n)"), caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: n),
            legalName: "Tess Testcase \(n)", birth: .exact(DayDate(year: 2011, month: 5, day: 5)), riskLevel: .medium,
            team: Team(), openedOn: DayDate(year: 2026, month: 1, day: 10))
        return ChildSummary(child)
    }

    @Test("after random rows added and removed and children placed again, it answers as two plain maps")
    func answersAsTwoPlainMaps() {
        var random = SeededRandom(seed: 2_511)
        var children = (0..<40).map(Self.summary)
        // Rows in the children's order, then two stand-ins for children whose record does not open.
        var rowIDs = children.map(\.id) + [ChildID(rawValue: "places-test-damaged-1"), ChildID(rawValue: "places-test-damaged-2")]
        var places = ChildPlaces(children: children, rows: rowIDs.map { CaseloadRow(damagedChild: $0, records: []) })
        var next = 40
        for step in 0..<400 {
            switch random.int(0...3) {
            case 0:
                // A child added: placed among the children by case number, its row at the end.
                let child = Self.summary(next)
                next += 1
                children.insert(child, at: random.int(0...children.count))
                places.placeChildren(children)
                places.setRow(of: child.id, to: rowIDs.count)
                rowIDs.append(child.id)
            case 1 where !rowIDs.isEmpty:
                // A row taken out (its child gone first, when it had one).
                let at = random.int(0...(rowIDs.count - 1))
                let id = rowIDs[at]
                if let gone = children.firstIndex(where: { $0.id == id }), random.chance(0.7) {
                    children.remove(at: gone)
                    places.placeChildren(children)
                }
                places.removeRow(of: id, at: at)
                rowIDs.remove(at: at)
            case 2 where children.count > 1:
                // Two children change places (a case number changed).
                children.swapAt(random.int(0...(children.count - 1)), random.int(0...(children.count - 1)))
                places.placeChildren(children)
            default: break
            }
            for id in Set(children.map(\.id) + rowIDs + [ChildID(rawValue: "places-test-never")]) {
                #expect(places.child(of: id) == children.firstIndex { $0.id == id }, "step \(step): \(id)")
                #expect(places.row(of: id) == rowIDs.firstIndex(of: id), "step \(step): \(id)")
            }
        }
    }
}
