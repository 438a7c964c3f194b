import CareDomain

/// What a record that does not open is told to: noted (the load goes on), or thrown (refused).
package typealias RecordDamageHandler = (DamagedRecord, StoreError) throws -> Void

/// The handler that refuses: the first record that does not open fails the read.
package func refuseDamage(_ record: DamagedRecord, _ error: StoreError) throws { throw error }

/// One backend's read of one kind of a child's team records: SQLite's and PostgreSQL's own SQL
/// behind the one walk over the kinds a summary is made of (`CaseloadSummaries.teamRecords`).
package protocol TeamRecordSource {
    /// Every record of `type` of the children asked for that this session's keys open; each one
    /// that does not open goes to `damaged`.
    func records<Record: CareRecord>(_ type: Record.Type, damaged: RecordDamageHandler) throws -> [Record]
}

extension CaseloadSummaries {
    /// The team records a child's summary is made of, read from `source`, with the children
    /// whose own record does not open noted in `unreadable` (their other records still count).
    package static func teamRecords(from source: some TeamRecordSource, damaged: RecordDamageHandler) throws -> TeamRecords {
        var unreadable = Set<ChildID>()
        func noting(_ record: DamagedRecord, _ error: StoreError) throws {
            if record.isChildRecord { unreadable.insert(ChildID(rawValue: record.id)) }
            try damaged(record, error)
        }
        var records = TeamRecords()
        records.episodes = try source.records(MissingEpisode.self, damaged: noting)
        records.indicators = try source.records(RiskIndicator.self, damaged: noting)
        records.plans = try source.records(SafetyPlan.self, damaged: noting)
        records.referrals = try source.records(Referral.self, damaged: noting)
        records.appointments = try source.records(Appointment.self, damaged: noting)
        records.children = try source.records(Child.self, damaged: noting)
        records.unreadable = unreadable
        return records
    }
}
