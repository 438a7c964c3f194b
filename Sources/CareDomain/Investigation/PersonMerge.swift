import Foundation

/// What a merge gives the person kept: every alias, number, handle and vehicle of the other
/// that they do not have already (numbers compared by digits, plates by letters and digits), the
/// other's description and notes kept beneath theirs, and the other named in `mergedFrom`.
public enum PersonMerge {
    public static func merging(_ other: PersonOfInterest, into kept: PersonOfInterest) -> PersonOfInterest {
        var person = kept
        for alias in other.aliases where !person.aliases.contains(where: { TextFold.fold($0) == TextFold.fold(alias) }) {
            person.aliases.append(alias)
        }
        for phone in other.phones where !person.phones.contains(where: { PhoneNumber.same($0, phone) }) {
            person.phones.append(phone)
        }
        for handle in other.handles where !person.handles.contains(where: { TextFold.fold($0) == TextFold.fold(handle) }) {
            person.handles.append(handle)
        }
        for vehicle in other.vehicles where !person.vehicles.contains(where: { Plate.same($0.plate, vehicle.plate) }) {
            person.vehicles.append(vehicle)
        }
        if person.approximateAge == nil { person.approximateAge = other.approximateAge }
        if !other.description.isEmpty && other.description != person.description {
            person.description += (person.description.isEmpty ? "" : "\n") + other.description
        }
        if !other.notes.isEmpty {
            person.notes += (person.notes.isEmpty ? "" : "\n") + other.notes
        }
        person.mergedFrom.append(other.id)
        return person
    }
}
