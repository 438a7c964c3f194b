import Foundation

/// Why a store refused a command, in words a worker can act on. Nothing was written.
public enum CommandError: ErrorInWords, Equatable, Sendable {
    /// The signed-in role may not do this; the words name the roles that may.
    case denied(PermissionDenied)
    /// The record breaks a rule about the data (a time in the future, located before last seen).
    case invalid([String])
    /// The referral workflow refused the step.
    case referral(ReferralError)
    /// The command tried to change a field another command owns.
    case owned(String)
    /// The record the command names is not in the store.
    case notFound(kind: RecordKind, id: String)
    /// A deactivated account cannot act.
    case inactiveAccount

    public var description: String {
        switch self {
        case .denied(let denied): denied.description
        case .invalid(let problems): problems.joined(separator: " ")
        case .referral(let error): error.description
        case .owned(let words): words
        case .notFound(let kind, _): "That \(kind.words) is no longer in the store; it may have been removed in another session."
        case .inactiveAccount: "This account is deactivated; ask a supervisor."
        }
    }
}

/// A save refused because someone else saved the record first. Carries both versions so the
/// person can see theirs and the other, and nothing is silently overwritten.
public struct RecordConflict: Error, Equatable, Sendable {
    public var yours: AnyRecord
    public var theirs: AnyRecord
    /// Who saved `theirs` and when, when the store knows.
    public var savedBy: String?
    public var savedAt: Date?

    public init(yours: AnyRecord, theirs: AnyRecord, savedBy: String? = nil, savedAt: Date? = nil) {
        self.yours = yours
        self.theirs = theirs
        self.savedBy = savedBy
        self.savedAt = savedAt
    }
}

extension RecordKind {
    /// The kind as people say it ("missing episode", "safety plan").
    public var words: String {
        switch self {
        case .worker: "worker"
        case .child: "child's record"
        case .contact: "contact note"
        case .missingEpisode: "missing episode"
        case .indicator: "risk indicator"
        case .safetyPlan: "safety plan"
        case .referral: "referral"
        case .service: "service"
        case .appointment: "appointment"
        case .handover: "handover"
        case .alertResponse: "alert response"
        case .handoverAcknowledgement: "handover acknowledgement"
        case .link: "link"
        case .reviewChecklist: "review checklist"
        case .closureReasons: "closure reasons"
        case .draft: "draft"
        case .personOfInterest: "person of interest"
        case .placeOfConcern: "place of concern"
        case .investigationLink: "investigation link"
        case .lead: "lead"
        }
    }
}
