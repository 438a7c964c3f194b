import CareDomain
import Foundation

/// Links a child to a person of interest or a place of concern — the day, who said so, how
/// sure — or changes what an existing link says (the same four fields; whom it ties stays).
public struct InvestigationLinkForm: CaseForm {
    public enum Field: String, FormFieldID { case date, source, confidence, note }

    public let childID: ChildID
    public let target: InvestigationTarget
    /// The person's or place's name, for the title.
    public let targetName: String
    /// The link being changed; nil for a new one.
    public let link: InvestigationLink?
    public var title: String { link == nil ? "Link to \(targetName)" : "Change the link to \(targetName)" }
    public var child: ChildID? { childID }

    public init(child: ChildID, target: InvestigationTarget, targetName: String) {
        childID = child
        self.target = target
        self.targetName = targetName
        link = nil
    }

    public init(editing link: InvestigationLink, targetName: String) {
        childID = link.child
        target = link.target
        self.targetName = targetName
        self.link = link
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.date, "Date", kind: .date, value: (link?.date ?? context.today).description, required: true, hint: "YYYY-MM-DD"),
            FieldSpec(.source, "Source", kind: .choice(InvestigationLink.Source.allCases.map(\.rawValue)),
                      value: (link?.source ?? .youth).rawValue),
            FieldSpec(.confidence, "Confidence", kind: .choice(InvestigationLink.Confidence.allCases.map(\.rawValue)),
                      value: (link?.confidence ?? .reported).rawValue),
            FieldSpec(.note, "Note", kind: .note, value: link?.note ?? ""),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        let date = values.day(.date, problems: &problems)
        if let date, date > context.today { problems.append(Problem(.date, "A link's date cannot be in the future.")) }
        guard let date, problems.isEmpty else { return .problems(problems) }
        let source = InvestigationLink.Source(rawValue: values[.source]) ?? .worker
        let confidence = InvestigationLink.Confidence(rawValue: values[.confidence]) ?? .reported
        if var changed = link {
            changed.date = date
            changed.source = source
            changed.confidence = confidence
            changed.note = values[.note]
            return .command(.investigation(.editLink(changed)))
        }
        return .command(.investigation(.link(InvestigationLink(
            child: childID, target: target, date: date, source: source, confidence: confidence, note: values[.note],
            createdBy: context.worker.id, createdAt: context.now))))
    }

    /// Another worker changed the link first: the form again over theirs.
    public func rebased(on theirs: AnyRecord) -> InvestigationLinkForm? {
        guard link != nil, let stored = theirs.as(InvestigationLink.self), stored.id == link?.id, stored.isActive else { return nil }
        return InvestigationLinkForm(editing: stored, targetName: targetName)
    }

    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .investigation }
}

/// Removes a link between a child and a person or place, with the reason. The link stays in the
/// records with its removal, and the removal is in the audit trail.
public struct RemoveInvestigationLinkForm: CaseForm {
    public enum Field: String, FormFieldID { case reason }

    public let link: InvestigationLink
    public let targetName: String
    public var title: String { "Remove the link to \(targetName)" }
    public var child: ChildID? { link.child }

    public init(link: InvestigationLink, targetName: String) {
        self.link = link
        self.targetName = targetName
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [FieldSpec(.reason, "Reason for removing", kind: .note, required: true, hint: "kept with the link and in the audit trail")]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        if values[.reason].isEmpty { return .problems([Problem(.reason, "Give the reason for removing the link.")]) }
        return .command(.investigation(.unlink(link.id, reason: values[.reason])))
    }

    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .investigation }
}
