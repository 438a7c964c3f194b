import CareDomain
import Foundation

/// The unit's closure reasons (`ClosureReasonList`): one sealed, versioned, audited record that
/// every worker's closure form reads, changed by a supervisor (`care unit closure-reasons set`).
extension SQLiteCaseStore {
    /// The unit's list as stored; nil until a supervisor sets one (the form then offers
    /// `ClosureReason.standardChoices`).
    public func closureReasonList() throws -> ClosureReasonList? {
        try require(.viewCaseload)
        return try read { db, keys in try Self.fetchRecord(ClosureReasonList.self, id: ClosureReasonList.unitID.rawValue, db: db, keys: keys) }
    }

    /// Replaces the unit's list with `reasons` ("other" is kept, last), in one audited save.
    @discardableResult
    public func setClosureReasons(_ reasons: [String]) throws -> ClosureReasonList {
        var list = try closureReasonList() ?? ClosureReasonList(reasons: [])
        list.reasons = reasons
        let saved = try perform(.saveClosureReasons(list))
        return saved.record?.as(ClosureReasonList.self) ?? list
    }
}
