/// What a child's record and its caseload summary both hold about names and age, and what
/// follows from it: one definition of the name shown in lists, the masked initials and the age.
public protocol ChildNaming {
    var legalName: String { get }
    var preferredName: String { get }
    var birth: Birth { get }
}

extension ChildNaming {
    /// The name to show in lists: the preferred name when there is one.
    public var displayName: String { preferredName.isEmpty ? legalName : preferredName }

    /// Initials only, for masked screens: "Tess Moonias" → "T.M.". Only letters make initials:
    /// a name that starts with an emoji or a digit shows nothing of it ("?" when no part has one).
    public var initials: String {
        let letters = displayName.split(whereSeparator: { $0 == " " || $0 == "-" })
            .compactMap { part in part.first(where: \.isLetter).map(String.init) }
        return letters.isEmpty ? "?" : letters.map { $0 + "." }.joined()
    }

    /// Age in whole years on `day`: from the date of birth, or from the estimate.
    public func age(on day: DayDate) -> Int {
        switch birth {
        case .exact(let dob): return dob.years(until: day)
        case .estimated(let years, let asOf): return years + asOf.years(until: day)
        }
    }
}
