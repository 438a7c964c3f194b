import Foundation

/// A phone number or plate typed into one person that is already on another suggests they are
/// the same person. care proposes the merge and never makes it: a person at a desk decides
/// (`InvestigationCommand.mergePersons`), and a merge keeps both histories.
public struct MergeProposal: Hashable, Sendable {
    public var person: PersonID
    /// The other person holding the same number or plate.
    public var other: PersonID
    public var sharedPhones: [String]
    public var sharedPlates: [String]

    public var words: String {
        let what = (sharedPhones.map { "phone \($0)" } + sharedPlates.map { "plate \($0)" }).joined(separator: ", ")
        return "same \(what) as another person: consider merging"
    }

    /// The proposals for `person` against everyone else (merged-away persons are not proposed
    /// again). Numbers and plates are compared normalized and reported as `person` has them.
    public static func proposals(for person: PersonOfInterest, among others: [PersonOfInterest]) -> [MergeProposal] {
        others.compactMap { other in
            guard other.id != person.id, other.mergedInto == nil, person.mergedInto != other.id, other.mergedInto != person.id
            else { return nil }
            let phones = person.phones.filter { mine in other.phones.contains { PhoneNumber.same(mine, $0) } }
            let plates = person.plates.filter { mine in other.plates.contains { Plate.same(mine, $0) } }
            guard !phones.isEmpty || !plates.isEmpty else { return nil }
            return MergeProposal(person: person.id, other: other.id, sharedPhones: phones, sharedPlates: plates)
        }
        .sorted { $0.other < $1.other }
    }

    /// Every proposal among `persons`, each pair once.
    public static func all(_ persons: [PersonOfInterest]) -> [MergeProposal] {
        persons.flatMap { proposals(for: $0, among: persons) }.filter { $0.person < $0.other }
    }
}
