import CareDomain
import Foundation

/// Report a child missing: when the report came, when and where they were last seen, and the
/// police report when there is one yet.
public struct MissingReportForm: CaseForm {
    public enum Field: String, FormFieldID {
        case reportedAt, lastSeenAt, lastSeenPlace, circumstances, description, believedWith, vehicle
        case policeService, occurrence, policeReportedAt
    }

    public let childID: ChildID
    public var title: String { "Report missing" }
    public var child: ChildID? { childID }

    public init(child: ChildID) { childID = child }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let now = TimeText.format(context.now, zone: context.zone)
        return [
            FieldSpec(.reportedAt, "Reported missing at", kind: .time, value: now, required: true),
            FieldSpec(.lastSeenAt, "Last seen at", kind: .time, value: now, required: true),
            FieldSpec(.lastSeenPlace, "Last seen where", required: true),
            FieldSpec(.circumstances, "Circumstances", kind: .note),
            FieldSpec(.description, "Description and clothing", kind: .note, hint: "how the child looks and what they wore"),
            FieldSpec(.believedWith, "Believed to be with"),
            FieldSpec(.vehicle, "Vehicle", hint: "make, colour, plate"),
            FieldSpec(.policeService, "Police service", hint: "leave empty if not yet reported; add it later with m"),
            FieldSpec(.occurrence, "Occurrence number"),
            FieldSpec(.policeReportedAt, "Reported to police at", kind: .time, hint: "YYYY-MM-DD HH:MM, or HH:MM"),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        let reported = values.time(.reportedAt, in: context, problems: &problems)
        let seen = values.time(.lastSeenAt, in: context, problems: &problems)
        let report = PoliceReportFields.read(values, service: .policeService, occurrence: .occurrence, at: .policeReportedAt,
                                             context: context, problems: &problems)
        guard let reported, let seen, problems.isEmpty else { return .problems(problems) }
        let episode = MissingEpisode(child: childID, reportedMissingAt: reported, lastSeenAt: seen,
                                     lastSeenPlace: values[.lastSeenPlace], policeReport: report, notes: values[.circumstances],
                                     description: values[.description], believedWith: values[.believedWith], vehicle: values[.vehicle])
        problems += MissingEpisodeRules.problems(episode, now: context.now, zone: context.zone).mapped({ field in
            switch field {
            case .reportedAt: .reportedAt
            case .lastSeenAt: .lastSeenAt
            case .lastSeenPlace: .lastSeenPlace
            case .policeService: .policeService
            case .policeReportedAt: .policeReportedAt
            case .locatedAt, .locatedPlace, .debriefAt: nil
            }
        }, fallback: .reportedAt)
        return problems.isEmpty ? .command(.reportMissing(episode)) : .problems(problems)
    }
}

/// The three fields of a police report, read together: all empty is "no report yet"; a service
/// needs the time it was told.
enum PoliceReportFields {
    static func read<Field>(
        _ values: FieldValues<Field>, service: Field, occurrence: Field, at: Field, context: FormContext, keeping: Date? = nil,
        problems: inout [Problem<Field>]
    ) -> MissingEpisode.PoliceReport? {
        let name = values[service]
        if name.isEmpty {
            if !values[occurrence].isEmpty || !values[at].isEmpty {
                problems.append(Problem(service, "Name the police service, or clear the occurrence number and time."))
            }
            return nil
        }
        guard !values[at].isEmpty else {
            problems.append(Problem(at, "When was it reported to police? YYYY-MM-DD HH:MM, or HH:MM."))
            return nil
        }
        guard let time = values.time(at, in: context, keeping: keeping, problems: &problems) else { return nil }
        return MissingEpisode.PoliceReport(service: name, occurrenceNumber: values[occurrence], reportedAt: time)
    }
}
