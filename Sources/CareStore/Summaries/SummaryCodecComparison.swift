import CareDomain
import Foundation

/// `care bench --codecs`: the caseload's team records decoded as the JSON they are sealed as,
/// against the same children's summaries in `SummaryCodec`'s bytes, one payload at a time as the
/// store opens them, on one core. The measurement the summary's codec was chosen by
/// (docs/benchmarks.md has the figures, with swift-protobuf's).
public enum SummaryCodecComparison {
    public struct Figure: Codable, Sendable {
        public var codec: String
        public var payloads: Int
        public var bytes: Int
        /// Milliseconds to decode every payload once, per run.
        public var decode: [Double]
    }

    public static func measure(_ store: SQLiteCaseStore, runs: Int = 3) throws -> [Figure] {
        let (records, summaries): ([(RecordKind, Data)], [Data]) = try store.read { db, keys in
            let entries = try SQLiteCaseStore.caseloadEntries(of: nil, .team, db: db, keys: keys)
            let decoder = RecordCoding.decoder()
            let encoder = RecordCoding.encoder()
            var records: [(RecordKind, Data)] = []
            func add<Record: CareRecord>(_ type: Record.Type) throws {
                for record in try SQLiteCaseStore.fetchAll(type, children: nil, db: db, keys: keys, decoder: decoder) {
                    records.append((Record.kind, try encoder.encode(record)))
                }
            }
            try add(Child.self)
            try add(RiskIndicator.self)
            try add(MissingEpisode.self)
            try add(SafetyPlan.self)
            try add(Referral.self)
            try add(Appointment.self)
            return (records, entries.values.map(SummaryCodec.encode))
        }
        var json = Figure(codec: "JSON records (as sealed today)", payloads: records.count, bytes: records.reduce(0) { $0 + $1.1.count }, decode: [])
        var binary = Figure(codec: "summary bytes (SummaryCodec)", payloads: summaries.count, bytes: summaries.reduce(0) { $0 + $1.count }, decode: [])
        let decoder = RecordCoding.decoder()
        for _ in 0..<runs {
            json.decode.append(try milliseconds {
                for (kind, payload) in records { _ = try AnyRecord.decode(kind, from: payload, using: decoder) }
            })
            binary.decode.append(try milliseconds {
                for payload in summaries { _ = try SummaryCodec.decode(payload) }
            })
        }
        return [json, binary]
    }

    private static func milliseconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}
