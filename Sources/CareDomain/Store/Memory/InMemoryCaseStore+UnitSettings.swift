import Foundation

/// The unit's closure reasons in memory, read as the other stores read them.
extension InMemoryCaseStore: CaseUnitSettings {
    public func closureReasonList() throws -> ClosureReasonList? {
        try requireDraftsOpen()
        do { try Permission.viewCaseload.require(worker.role) } catch { throw CommandError.denied(error) }
        return database.record(ClosureReasonList.self, id: ClosureReasonList.unitID.rawValue)
    }
}
