import Foundation

/// A structured shift handover (after I-PASS): one card per child, acknowledged by the receiver.
/// One per shift: its id comes from the shift (`ShiftWindow.handoverID`).
public struct Handover: CareRecord {
    public static let kind = RecordKind.handover

    public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
        case stable, watch, urgent

        public var symbol: String {
            switch self {
            case .stable: "·"
            case .watch: "▲"
            case .urgent: "●"
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public struct Action: Hashable, Codable, Sendable {
        public var text: String
        public var owner: String
        public var due: Date?
        public var done: Bool

        public init(text: String, owner: String, due: Date? = nil, done: Bool = false) {
            self.text = text
            self.owner = owner
            self.due = due
            self.done = done
        }
    }

    public struct Contingency: Hashable, Codable, Sendable {
        public var condition: String
        public var response: String

        public init(condition: String, response: String) {
            self.condition = condition
            self.response = response
        }
    }

    /// One I-PASS card. Its acknowledgements are records of their own
    /// (`HandoverAcknowledgement`), so two incoming workers acknowledging at once never conflict.
    public struct Entry: Hashable, Codable, Sendable {
        public var child: ChildID
        public var severity: Severity
        public var summary: String
        public var actions: [Action]
        public var contingencies: [Contingency]
        public var pinned: Bool

        public init(
            child: ChildID, severity: Severity, summary: String = "", actions: [Action] = [],
            contingencies: [Contingency] = [], pinned: Bool = false
        ) {
            self.child = child
            self.severity = severity
            self.summary = summary
            self.actions = actions
            self.contingencies = contingencies
            self.pinned = pinned
        }
    }

    public var id: HandoverID
    public var version: Int
    public var shiftStart: Date
    public var shiftEnd: Date
    public var outgoing: [WorkerID]
    public var incoming: [WorkerID]
    public var entries: [Entry]
    /// When it was last saved: what the records say after this is said beside its cards ("located
    /// 18:40, after this card was written"). Nil in handovers saved before it was kept.
    public var savedAt: Date?

    public init(
        id: HandoverID = .make(), version: Int = 0, shiftStart: Date, shiftEnd: Date,
        outgoing: [WorkerID] = [], incoming: [WorkerID] = [], entries: [Entry] = [], savedAt: Date? = nil
    ) {
        self.savedAt = savedAt
        self.id = id
        self.version = version
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
        self.outgoing = outgoing
        self.incoming = incoming
        self.entries = entries
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }
    public var sortDate: Date? { shiftStart }
}
