import CareCore
import CareDomain
import Foundation

/// The unit's closure reasons on the server: the same sealed record in `records` as in a file,
/// read with the session's keys; saved through `perform` like every other change.
extension PostgresCaseStore: CaseUnitSettings {
    public func closureReasonList() throws -> ClosureReasonList? {
        try require(.viewCaseload)
        return try read { transaction, keys in
            try Self.fetchRecord(ClosureReasonList.self, id: ClosureReasonList.unitID.rawValue, transaction, keys: keys)
        }
    }
}
