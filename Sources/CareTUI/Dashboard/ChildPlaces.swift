import CareDomain

/// Where each child is in the snapshot's children and in the caseload's rows, in one map: two
/// maps of every child id, one for each, held 6 MB at 50,000 children (a map of 50,000 ids has
/// room for 131,072), and the two positions are looked up together anyway.
///
/// The positions differ once a save adds or removes a child: rows are added at the end and
/// taken out in place, while the children stay in case-number order. A child whose own record
/// does not open has a row and no place among the children; a removed child keeps its row's
/// place until its row is taken out.
struct ChildPlaces: Sendable {
    /// Positions as 32-bit numbers, -1 for none: the value is as wide as one `Int`.
    private struct Place: Sendable {
        var child: Int32 = -1
        var row: Int32 = -1
    }

    private var places: [ChildID: Place] = [:]

    init() {}

    /// Each child at its position in `children` and each row at its position in `rows` (the
    /// first, should an id come twice).
    init(children: [ChildSummary], rows: [CaseloadRow]) {
        places.reserveCapacity(rows.count)
        for index in children.indices where places[children[index].id] == nil {
            places[children[index].id] = Place(child: Int32(index), row: -1)
        }
        for index in rows.indices where places[rows[index].child, default: Place()].row < 0 {
            places[rows[index].child, default: Place()].row = Int32(index)
        }
    }

    func child(of id: ChildID) -> Int? {
        places[id].flatMap { $0.child >= 0 ? Int($0.child) : nil }
    }

    func row(of id: ChildID) -> Int? {
        places[id].flatMap { $0.row >= 0 ? Int($0.row) : nil }
    }

    /// The children's positions found again (children came, went or moved); rows keep theirs.
    mutating func placeChildren(_ children: [ChildSummary]) {
        var fresh: [ChildID: Place] = [:]
        fresh.reserveCapacity(Swift.max(children.count, places.count))
        for index in children.indices where fresh[children[index].id] == nil {
            fresh[children[index].id] = Place(child: Int32(index), row: places[children[index].id]?.row ?? -1)
        }
        for (id, place) in places where place.row >= 0 && fresh[id] == nil { fresh[id] = Place(child: -1, row: place.row) }
        places = fresh
    }

    /// `id`'s row is now at `position` (a row added at the end).
    mutating func setRow(of id: ChildID, to position: Int) {
        places[id, default: Place()].row = Int32(position)
    }

    /// `id`'s row, at `position`, was taken out: every later row moves up by one.
    mutating func removeRow(of id: ChildID, at position: Int) {
        if let place = places[id] {
            places[id] = place.child >= 0 ? Place(child: place.child, row: -1) : nil
        }
        // Through the values in place: iterating the map while changing it would copy it whole.
        let removed = Int32(position)
        var index = places.values.startIndex
        while index != places.values.endIndex {
            if places.values[index].row > removed { places.values[index].row -= 1 }
            places.values.formIndex(after: &index)
        }
    }
}
