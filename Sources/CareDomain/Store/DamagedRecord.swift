/// A stored record that does not open: its seal fails under its columns, or what it holds does
/// not decode (damaged bytes, or a row altered outside care). A store passes it over and names it
/// here, so one bad row locks nobody out of the rest of the caseload; the screens show it as
/// damaged and `care check` names it.
///
/// Only what the store keeps in clear is known of it: its kind, its id and whose record it is.
public struct DamagedRecord: Hashable, Sendable {
    /// The kind as stored (it may be one this version does not know, or itself damaged).
    public var kind: String
    public var id: String
    /// The child the row is filed under, when its clear columns say so.
    public var child: ChildID?

    public init(kind: String, id: String, child: ChildID?) {
        self.kind = kind
        self.id = id
        self.child = child
    }

    /// "contact note", "risk indicator", "child's record"; "record" for a kind not known.
    public var kindWords: String { RecordKind(rawValue: kind)?.words ?? "record" }

    /// Whether this is the child's own record (so nothing but its id is known of the child).
    public var isChildRecord: Bool { kind == RecordKind.child.rawValue }
}

extension Array where Element == DamagedRecord {
    /// "a contact note and a risk indicator", "3 records": what a line about them can say.
    public var words: String {
        let kinds = Set(map(\.kindWords)).sorted()
        if count > 3 || kinds.count > 2 { return "\(count) records" }
        if count == 1 { return "a \(kinds[0])" }
        if kinds.count == 1 { return "\(count) \(kinds[0])s" }
        return kinds.map { "a \($0)" }.joined(separator: " and ")
    }
}
