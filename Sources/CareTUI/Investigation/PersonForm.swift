import CareDomain
import Foundation

/// Adds a person of interest, or changes one (police and supervisors). Lists hold one item a
/// line; a vehicle is "description; plate". Its draft is sealed under the `investigation` key.
public struct PersonForm: CaseForm {
    public enum Field: String, FormFieldID { case aliases, description, age, phones, handles, vehicles, notes }

    public let person: PersonOfInterest?
    public var title: String { person == nil ? "New person of interest" : "Person of interest" }
    public var child: ChildID? { nil }

    public init(person: PersonOfInterest?) { self.person = person }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.aliases, "Aliases", kind: .list, value: person?.aliases.joined(separator: "\n") ?? "", hint: "one a line; the first is shown in lists"),
            FieldSpec(.description, "Description", kind: .note, value: person?.description ?? ""),
            FieldSpec(.age, "Approximate age", value: person?.approximateAge.map(String.init) ?? ""),
            FieldSpec(.phones, "Phone numbers", kind: .list, value: person?.phones.joined(separator: "\n") ?? "", hint: "any formatting"),
            FieldSpec(.handles, "Social handles", kind: .list, value: person?.handles.joined(separator: "\n") ?? ""),
            FieldSpec(.vehicles, "Vehicles", kind: .list,
                      value: person?.vehicles.map { "\($0.description); \($0.plate)" }.joined(separator: "\n") ?? "",
                      hint: "description; plate"),
            FieldSpec(.notes, "Notes", kind: .note, value: person?.notes ?? ""),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        var age: Int?
        if !values[.age].isEmpty {
            age = Int(values[.age])
            if age == nil { problems.append(Problem(.age, "Give the age as a number of years, or leave it empty.")) }
        }
        let vehicles = values.items(.vehicles).map { line -> Vehicle in
            let parts = line.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? Vehicle(description: parts[0], plate: parts[1]) : Vehicle(description: line, plate: "")
        }
        if !problems.isEmpty { return .problems(problems) }
        var saved = person ?? PersonOfInterest(aliases: [], createdBy: context.worker.id, createdAt: context.now)
        saved.aliases = values.items(.aliases)
        saved.description = values[.description]
        saved.approximateAge = age
        saved.phones = values.items(.phones)
        saved.handles = values.items(.handles)
        saved.vehicles = vehicles
        saved.notes = values[.notes]
        return .command(.investigation(.savePerson(saved)))
    }

    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .investigation }
}
