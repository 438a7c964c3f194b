import CareDomain

/// What saving a form will do. Carries the record being edited, so its version goes with the save.
public enum FormPurpose: Sendable, Equatable {
    case newChild
    case editProfile(Child)
    case newContact(ChildID)
    case openEpisode(ChildID)
    case locate(MissingEpisode)
    case debrief(MissingEpisode)
    case addIndicator(ChildID)
    case resolveIndicator([RiskIndicator])
    case safetyPlan(ChildID, SafetyPlan?)
    case addFlag(Child)
    case removeFlag(Child)

    /// The permission the save needs, so the form is never opened for a role that cannot save it.
    public var permission: Permission {
        switch self {
        case .newChild: .createChild
        case .editProfile: .editProfile
        case .newContact: .logContact
        case .openEpisode, .locate, .debrief: .recordMissing
        case .addIndicator, .resolveIndicator: .addIndicator
        case .safetyPlan: .editSafetyPlan
        case .addFlag, .removeFlag: .setFlag
        }
    }
}

/// A record ready to go to the store, with the words of its audit event.
public enum Submission: Sendable, Equatable {
    case child(Child)
    case contact(Contact)
    case episode(MissingEpisode)
    case indicator(RiskIndicator)
    case plan(SafetyPlan)

    public var summary: String {
        switch self {
        case .child(let c): c.version == 0 ? "child record created" : "profile updated"
        case .contact: "contact logged"
        case .episode(let e):
            e.debrief != nil ? "missing episode debriefed" : e.located != nil ? "child located" : "missing episode opened"
        case .indicator(let i): i.resolved ? "indicator resolved" : "indicator added"
        case .plan: "safety plan saved"
        }
    }

    public var childID: ChildID? {
        switch self {
        case .child(let c): c.id
        case .contact(let c): c.child
        case .episode(let e): e.child
        case .indicator(let i): i.child
        case .plan(let p): p.child
        }
    }
}
