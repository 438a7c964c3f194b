import CareDomain

extension VisibilityClass {
    /// The records of this class, in words ("restricted notes").
    package var records: String {
        switch self {
        case .team: "the team's records"
        case .restricted: "restricted notes"
        case .investigation: "investigation records"
        }
    }
}
