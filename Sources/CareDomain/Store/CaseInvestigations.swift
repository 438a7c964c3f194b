import Foundation

/// Reading persons of interest, places of concern, their links and leads (police and
/// supervisors: `Permission.viewInvestigation`). Changes go through `CaseCommands.perform`
/// (`CaseCommand.investigation`). A separate part of the port, not in `CaseStore`, so a store
/// that does not keep them yet still builds; the dashboard asks for it with `as?`.
public protocol CaseInvestigations: AnyObject, Sendable {
    /// What `view` shows. Writes one audit event per person, place, link and lead in the
    /// answer (`purpose.action`: `view`, or `export` for a disclosure file), commits them, and
    /// only then returns the answer; if they cannot be written it throws and nothing is shown.
    func investigation(_ view: InvestigationView, purpose: InvestigationPurpose) throws -> InvestigationFile
}

extension CaseInvestigations {
    public func investigation(_ view: InvestigationView) throws -> InvestigationFile {
        try investigation(view, purpose: .shown)
    }
}
