import CareDomain
import Foundation

/// Adds a place of concern, or changes one (police and supervisors).
public struct PlaceForm: CaseForm {
    public enum Field: String, FormFieldID { case kind, name, address, notes }

    public let place: PlaceOfConcern?
    public var title: String { place == nil ? "New place of concern" : "Place of concern" }
    public var child: ChildID? { nil }

    public init(place: PlaceOfConcern?) { self.place = place }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.kind, "Kind", kind: .choice(PlaceOfConcern.Kind.allCases.map(\.rawValue)),
                      value: (place?.kind ?? .hotelMotel).rawValue),
            FieldSpec(.name, "Name", value: place?.name ?? ""),
            FieldSpec(.address, "Address or handle", value: place?.address ?? ""),
            FieldSpec(.notes, "Notes", kind: .note, value: place?.notes ?? ""),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        if values[.name].isEmpty && values[.address].isEmpty {
            return .problems([Problem(.name, "Give the place a name or an address.")])
        }
        var saved = place ?? PlaceOfConcern(kind: .other, name: "", createdBy: context.worker.id, createdAt: context.now)
        saved.kind = PlaceOfConcern.Kind(rawValue: values[.kind]) ?? .other
        saved.name = values[.name]
        saved.address = values[.address]
        saved.notes = values[.notes]
        return .command(.investigation(.savePlace(saved)))
    }

    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .investigation }
}
