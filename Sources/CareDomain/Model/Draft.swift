import Foundation

/// What one worker typed into one form and did not save: kept so that nothing typed is lost when
/// a form closes another way (Esc, the idle lock, a hang-up, a lost terminal). One per worker,
/// child and form — its id says which — sealed under the class of the record it drafts (a draft
/// of a restricted note under the restricted key), and readable back only by its writer.
///
/// A discarded or saved draft is emptied rather than deleted (`fields` empty), so the audit
/// trail's last version of the row still matches the store and `care check` finds nothing gone.
public struct Draft: CareRecord {
    public static let kind = RecordKind.draft

    /// `draft:<worker>:<child or "unit">:<form>`, so saving a form's draft again replaces it.
    public var id: String
    public var version: Int
    public var worker: WorkerID
    public var child: ChildID?
    /// Which form (a stable name, never shown): `ContactForm`, `MissingReportForm`, ...
    public var form: String
    /// What the draft is of, in words: "contact note".
    public var name: String
    /// The text of every field, by the field's stable id. Empty once discarded or saved.
    public var fields: [String: String]
    /// The field that had the cursor.
    public var focus: String?
    public var savedAt: Date
    /// The class of the record the form writes (from what its fields say now).
    public var visibility: VisibilityClass

    public init(
        worker: WorkerID, child: ChildID?, form: String, name: String, fields: [String: String], focus: String? = nil,
        savedAt: Date, visibility: VisibilityClass = .team, version: Int = 0
    ) {
        id = Self.id(worker: worker, child: child, form: form)
        self.version = version
        self.worker = worker
        self.child = child
        self.form = form
        self.name = name
        self.fields = fields
        self.focus = focus
        self.savedAt = savedAt
        self.visibility = visibility
    }

    public static func id(worker: WorkerID, child: ChildID?, form: String) -> String {
        "draft:\(worker.rawValue):\(child?.rawValue ?? "unit"):\(form)"
    }

    public var recordID: String { id }
    public var childID: ChildID? { child }
    public var visibilityClass: VisibilityClass { visibility }

    /// Whether it holds anything (a discarded or saved draft holds nothing and is not listed).
    public var isKept: Bool { !fields.isEmpty }

    /// Words for the audit trail: which draft and how long, never its text.
    public var auditWords: String {
        let characters = fields.values.reduce(0) { $0 + $1.count }
        return "\(name) (\(characters) character\(characters == 1 ? "" : "s"))"
    }
}
