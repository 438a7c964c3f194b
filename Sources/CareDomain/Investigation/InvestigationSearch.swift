import Foundation

/// Filtering persons and places as one types: aliases, handles, names and addresses accent- and
/// case-blind (`TextFold`); phone numbers by their digits (three or more), however either was
/// punctuated: "010-01" and "01001" both find "(555) 010-0199"; plates by letters and digits.
public struct InvestigationSearch: Sendable, Equatable {
    public let text: String
    private let folded: String
    private let digits: String
    private let plate: String

    public init(_ text: String) {
        self.text = text
        folded = TextFold.fold(text.trimmingCharacters(in: .whitespaces))
        // Without a leading country code "1", so "+1 555 010 0199" finds "(555) 010-0199".
        digits = PhoneNumber.digits(text)
        plate = Plate.normalized(text)
    }

    public var isEmpty: Bool { folded.isEmpty }

    public func matches(_ person: PersonOfInterest) -> Bool {
        if isEmpty { return true }
        if (person.aliases + person.handles + [person.description]).contains(where: { TextFold.fold($0).contains(folded) }) { return true }
        if person.vehicles.contains(where: { TextFold.fold($0.description).contains(folded) }) { return true }
        if digits.count >= 3, person.phones.contains(where: { Self.digitsOnly($0).contains(digits) }) { return true }
        if plate.count >= 2, person.plates.contains(where: { Plate.normalized($0).contains(plate) }) { return true }
        return false
    }

    public func matches(_ place: PlaceOfConcern) -> Bool {
        if isEmpty { return true }
        return [place.name, place.address, place.kind.rawValue].contains { TextFold.fold($0).contains(folded) }
    }

    private static func digitsOnly(_ text: String) -> String {
        String(text.filter { $0.isASCII && $0.isNumber })
    }
}
