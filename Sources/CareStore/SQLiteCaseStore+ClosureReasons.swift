import CareDomain
import Foundation

/// The unit's closure reasons (`ClosureReasonList`): one sealed, versioned, audited record that
/// every worker's closure form reads, changed by a supervisor (`care unit closure-reasons set`,
/// through `CaseUnitSettings.setClosureReasons`).
extension SQLiteCaseStore: CaseUnitSettings {
    public func closureReasonList() throws -> ClosureReasonList? {
        try require(.viewCaseload)
        return try read { db, keys in try Self.fetchRecord(ClosureReasonList.self, id: ClosureReasonList.unitID.rawValue, db: db, keys: keys) }
    }
}
