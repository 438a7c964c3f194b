extension CaseReading {
    /// The unit's catalogue alone (services, the review checklist, workers), without opening a
    /// single child's summary: `care services` printed the catalogue after reading and
    /// decoding the whole caseload (270 MB at 50,000 children). A patch of no children with
    /// the catalogue is exactly that read, in every backend.
    public func loadCatalogue() throws -> CaseloadSnapshot {
        try loadPatch(children: [], catalogue: true).part
    }
}
