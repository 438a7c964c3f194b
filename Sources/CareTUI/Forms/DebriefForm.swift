import CareDomain
import Foundation

/// Record the debrief after a child was located, with its own notes (never written over the
/// episode's circumstances).
public struct DebriefForm: CaseForm {
    public enum Field: String, FormFieldID { case on, notes }

    public let episode: MissingEpisode
    public var title: String { "Debrief" }
    public var child: ChildID? { episode.child }

    public init(episode: MissingEpisode) { self.episode = episode }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.on, "Debrief at", kind: .time,
                      value: TimeText.format(episode.debrief?.on ?? context.now, zone: context.zone), required: true),
            FieldSpec(.notes, "Debrief notes", kind: .note, value: episode.debrief?.notes ?? ""),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        guard let on = values.time(.on, in: context, keeping: episode.debrief?.on, problems: &problems) else { return .problems(problems) }
        var updated = episode
        updated.debrief = .init(on: on, by: episode.debrief?.by ?? context.worker.id, notes: values[.notes])
        problems += MissingEpisodeRules.problems(updated, now: context.now, zone: context.zone)
            .filter { $0.field == .debriefAt }.mapped({ _ in .on }, fallback: .on)
        return problems.isEmpty ? .command(.updateMissingEpisode(updated)) : .problems(problems)
    }

    public func rebased(on theirs: AnyRecord) -> DebriefForm? {
        guard case .missingEpisode(let episode) = theirs, episode.id == self.episode.id else { return nil }
        return DebriefForm(episode: episode)
    }
}
