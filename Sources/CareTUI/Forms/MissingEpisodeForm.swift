import CareDomain
import Foundation

/// An open missing episode: add or correct the police report, and record where the child was
/// located once they are. Saved against the version that was read.
public struct MissingEpisodeForm: CaseForm {
    public enum Field: String, FormFieldID {
        case policeService, occurrence, policeReportedAt, locatedAt, locatedPlace, returnedTo, notes, description, believedWith, vehicle
    }

    public let episode: MissingEpisode
    /// The unit's zone, to say in the title when the child went missing (nil: not said).
    public let zone: TimeZone?
    public var title: String {
        guard let zone else { return "Missing episode" }
        // Short, so the child's name and case number after it fit at 80 columns.
        return "Missing since \(TimeText.format(episode.lastSeenAt, zone: zone))"
    }
    public var child: ChildID? { episode.child }
    public var draftName: String { "missing episode" }

    public init(episode: MissingEpisode, zone: TimeZone? = nil) {
        self.episode = episode
        self.zone = zone
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let police = episode.policeReport
        let located = episode.located
        return [
            FieldSpec(.policeService, "Police service", value: police?.service ?? "", hint: "the report can be added or corrected while the child is missing"),
            FieldSpec(.occurrence, "Occurrence number", value: police?.occurrenceNumber ?? ""),
            FieldSpec(.policeReportedAt, "Reported to police at", kind: .time,
                      value: police.map { TimeText.format($0.reportedAt, zone: context.zone) } ?? ""),
            FieldSpec(.locatedAt, "Located at", kind: .time, value: located.map { TimeText.format($0.at, zone: context.zone) } ?? "",
                      hint: "leave empty while the child is still missing"),
            FieldSpec(.locatedPlace, "Located where", value: located?.place ?? ""),
            FieldSpec(.returnedTo, "Returned to", value: located?.returnedTo ?? ""),
            FieldSpec(.notes, "Circumstances and notes", kind: .note, value: episode.notes),
            FieldSpec(.description, "Description and clothing", kind: .note, value: episode.description),
            FieldSpec(.believedWith, "Believed to be with", value: episode.believedWith),
            FieldSpec(.vehicle, "Vehicle", value: episode.vehicle),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        var updated = episode
        updated.policeReport = PoliceReportFields.read(values, service: .policeService, occurrence: .occurrence, at: .policeReportedAt,
                                                       context: context, keeping: episode.policeReport?.reportedAt, problems: &problems)
        let wantsLocated = !values[.locatedAt].isEmpty || !values[.locatedPlace].isEmpty || !values[.returnedTo].isEmpty
        if wantsLocated {
            if let at = values.time(.locatedAt, in: context, keeping: episode.located?.at, problems: &problems) {
                updated.located = .init(at: at, place: values[.locatedPlace], returnedTo: values[.returnedTo])
            }
        } else {
            updated.located = nil
        }
        updated.notes = values[.notes]
        updated.description = values[.description]
        updated.believedWith = values[.believedWith]
        updated.vehicle = values[.vehicle]
        guard problems.isEmpty else { return .problems(problems) }
        problems += MissingEpisodeRules.problems(updated, now: context.now, zone: context.zone).mapped({ field in
            switch field {
            case .policeService: .policeService
            case .policeReportedAt: .policeReportedAt
            case .locatedAt, .debriefAt: .locatedAt
            case .locatedPlace: .locatedPlace
            case .reportedAt, .lastSeenAt, .lastSeenPlace: nil
            }
        }, fallback: .notes)
        return problems.isEmpty ? .command(.updateMissingEpisode(updated)) : .problems(problems)
    }

    public func rebased(on theirs: AnyRecord) -> MissingEpisodeForm? {
        guard case .missingEpisode(let episode) = theirs, episode.id == self.episode.id else { return nil }
        return MissingEpisodeForm(episode: episode, zone: zone)
    }
}
