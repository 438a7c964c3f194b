/// A person with an account on the store. The account name is what they type at login;
/// the display name is what screens show.
public struct Worker: CareRecord {
    public static let kind = RecordKind.worker

    public var id: WorkerID
    public var version: Int
    public var accountName: String
    public var displayName: String
    public var role: Role
    public var unit: String
    public var active: Bool

    public init(
        id: WorkerID = .make(), version: Int = 0, accountName: String, displayName: String,
        role: Role, unit: String, active: Bool = true
    ) {
        self.id = id
        self.version = version
        self.accountName = accountName
        self.displayName = displayName
        self.role = role
        self.unit = unit
        self.active = active
    }

    public var childID: ChildID? { nil }
    public var recordID: String { id.rawValue }
}
