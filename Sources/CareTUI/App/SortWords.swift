import CareDomain

extension CaseloadQuery.Sort {
    /// The words in the caseload title ("sort: risk").
    var label: String { rawValue }

    /// The next order for `s`, wrapping around.
    var next: CaseloadQuery.Sort {
        let all = CaseloadQuery.Sort.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
