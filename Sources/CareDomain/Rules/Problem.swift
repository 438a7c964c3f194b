/// Something wrong with a record, named by the field it is about, in words a worker can act on.
/// Each rule set has its own `Field` enum, so a form maps problems onto its own fields by type,
/// and a store refuses with the words.
public struct Problem<Field: Hashable & Sendable>: Hashable, Sendable {
    public var field: Field
    public var message: String

    public init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }
}

extension Array {
    /// The problems of `new` that `old` did not already have: an edit is refused only for what
    /// it breaks, not for what an older record already carried.
    func introduced<Field>(comparedWith old: [Problem<Field>]) -> [Problem<Field>] where Element == Problem<Field> {
        filter { !old.contains($0) }
    }
}
