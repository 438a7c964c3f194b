import Foundation

/// The unit's own settings kept in the store, that every worker of the unit reads the same: for
/// now its closure reasons (`ClosureReasonList`). A part of the port of its own, not in
/// `CaseStore`, so the command line can ask any backend for it (`care unit closure-reasons`).
/// Changes go through `CaseCommands.perform` (`CaseCommand.saveClosureReasons`), audited there.
public protocol CaseUnitSettings: CaseCommands {
    /// The unit's list as stored; nil until a supervisor sets one (the closure form then offers
    /// `ClosureReason.standardChoices`). Refused to roles without `Permission.viewCaseload`.
    func closureReasonList() throws -> ClosureReasonList?
}

extension CaseUnitSettings {
    /// Replaces the unit's list with `reasons` ("other" is kept, last), in one audited save: the
    /// same for every backend, since the rules (`CommandRules.saveClosureReasons`) clean and
    /// check the list inside the store's transaction.
    @discardableResult
    public func setClosureReasons(_ reasons: [String]) throws -> ClosureReasonList {
        var list = try closureReasonList() ?? ClosureReasonList(reasons: [])
        list.reasons = reasons
        let saved = try perform(.saveClosureReasons(list))
        return saved.record?.as(ClosureReasonList.self) ?? list
    }
}
