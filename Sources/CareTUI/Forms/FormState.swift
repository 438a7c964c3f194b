import CareDomain
import Foundation
import TextUI

/// A form open on screen: its fields, which has the cursor, what saving it will do, and any
/// question the person must answer first. The values at opening are kept so nothing the person
/// typed is thrown away without asking, and so a conflict can be merged field by field.
public struct FormState: Sendable, Equatable {
    public var title: String
    public var fields: [FormState.Field]
    public var focus = 0
    public var purpose: FormPurpose
    /// Field values when the form opened (or after a conflict was merged).
    public var original: [String: String]
    /// A yes/no question that must be answered before anything else (discard? unusual age?).
    public var question: FormQuestion?
    /// Set after a version conflict: words on who changed what, shown above the fields.
    public var conflict: String?
    /// Fields where the other worker's value differs from this person's, after a conflict.
    public var theirs: [String: String] = [:]
    /// What those fields held before either save, to say what the other worker changed.
    public var conflictBase: [String: String] = [:]
    /// The person confirmed an unusual value (e.g. an age outside 10–21).
    public var confirmedUnusual = false
    /// Set when the form is done with (saved, cancelled or discarded).
    public var isClosed = false

    public init(title: String, fields: [FormState.Field], purpose: FormPurpose) {
        self.title = title
        self.fields = fields
        self.purpose = purpose
        self.original = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public var isDirty: Bool { fields.contains { original[$0.key] != $0.value } }

    public subscript(key: String) -> String {
        get { fields.first { $0.key == key }?.value ?? "" }
        set {
            if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = newValue }
        }
    }

    public func field(_ key: String) -> FormState.Field? { fields.first { $0.key == key } }

    public mutating func setError(_ key: String, _ message: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].error = message }
    }

    public var hasErrors: Bool { fields.contains { $0.error != nil } }

    public mutating func clearErrors() {
        for i in fields.indices { fields[i].error = nil }
    }

    public mutating func focusNext() { focus = (focus + 1) % max(1, fields.count) }
    public mutating func focusPrevious() { focus = (focus - 1 + fields.count) % max(1, fields.count) }
}

/// A question a form asks before it goes on.
public enum FormQuestion: Sendable, Equatable {
    /// Esc with unsaved input: throw it away?
    case discard
    /// A value that is allowed but unusual: save anyway?
    case confirmUnusual(String)
    /// Ctrl-C with unsaved input: throw it away and quit?
    case quit

    public var text: String {
        switch self {
        case .discard: "Discard what you typed? y discards, n goes back to the form."
        case .confirmUnusual(let what): "\(what) Save anyway? y saves, n goes back."
        case .quit: "Quit and discard what you typed? y quits, n goes back to the form."
        }
    }
}
