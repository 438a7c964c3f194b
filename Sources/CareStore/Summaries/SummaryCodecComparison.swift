import CareDomain
import Foundation

/// `care bench --codecs`: the measurement the summary's codec was chosen by. The same children's
/// team summaries are encoded as JSON (with the encoder records are sealed with), as Foundation's
/// binary property list and in `SummaryCodec`'s bytes, and each is decoded one payload at a time
/// as the store opens them, on one core; beside them, the caseload's whole team records as JSON,
/// which is what opening decoded before there were summaries. docs/benchmarks.md has the figures.
public enum SummaryCodecComparison {
    public struct Figure: Codable, Sendable {
        public var codec: String
        public var payloads: Int
        public var bytes: Int
        /// Milliseconds to decode every payload once, per run.
        public var decode: [Double]
    }

    public static func measure(_ store: SQLiteCaseStore, runs: Int = 3) throws -> [Figure] {
        let (records, entries): ([(RecordKind, Data)], [CaseloadEntry]) = try store.read { db, keys in
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
            return (records, Array(entries.values))
        }
        let jsonEncoder = RecordCoding.encoder()
        let jsonDecoder = RecordCoding.decoder()
        let plistEncoder = PropertyListEncoder()
        plistEncoder.outputFormat = .binary
        let plistDecoder = PropertyListDecoder()
        let json = try entries.map { try jsonEncoder.encode($0) }
        let plist = try entries.map { try plistEncoder.encode($0) }
        let bytes = entries.map(SummaryCodec.encode)
        /// `decodeAll` decodes every one of `payloads` once.
        func figure(_ codec: String, _ payloads: [Data], _ decodeAll: () throws -> Void) throws -> Figure {
            Figure(codec: codec, payloads: payloads.count, bytes: payloads.reduce(0) { $0 + $1.count },
                   decode: try (0..<runs).map { _ in try milliseconds(decodeAll) })
        }
        return [
            try figure("whole records, JSON (before summaries)", records.map(\.1)) {
                for (kind, payload) in records { _ = try AnyRecord.decode(kind, from: payload, using: jsonDecoder) }
            },
            try figure("summaries, JSON", json) { for payload in json { _ = try jsonDecoder.decode(CaseloadEntry.self, from: payload) } },
            try figure("summaries, binary property list", plist) {
                for payload in plist { _ = try plistDecoder.decode(CaseloadEntry.self, from: payload) }
            },
            try figure("summaries, SummaryCodec", bytes) { for payload in bytes { _ = try SummaryCodec.decode(payload) } },
        ]
    }

    private static func milliseconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}
