import CareDomain
import Foundation

/// `care bench --codecs`: the caseload's records decoded from JSON (the sealed payloads' codec
/// today) and from a binary property list, timed on the same values, to choose the payload codec
/// of the per-child summary by measurement.
struct CodecFigure: Codable, Sendable {
    var codec: String
    var records: Int
    var bytes: Int
    /// Decoding every record once, one by one as the store opens them.
    var decode: BenchSamples
}

enum CodecComparison {
    static func measure(_ snapshot: CaseloadSnapshot, runs: Int = 3) throws -> [CodecFigure] {
        let indicators = snapshot.indicators.values.flatMap { $0 }
        let episodes = snapshot.episodes.values.flatMap { $0 }
        let plans = Array(snapshot.plans.values)
        var figures: [CodecFigure] = []
        for codec in [Codec.json, .plist] {
            let encoded = (try codec.encode(snapshot.children), try codec.encode(indicators), try codec.encode(episodes),
                           try codec.encode(plans), try codec.encode(snapshot.referrals))
            let all = [encoded.0, encoded.1, encoded.2, encoded.3, encoded.4]
            var figure = CodecFigure(codec: codec.name, records: all.reduce(0) { $0 + $1.count },
                                     bytes: all.joined().reduce(0) { $0 + $1.count }, decode: BenchSamples())
            for _ in 0..<runs {
                figure.decode.append(try BenchRun.milliseconds {
                    try codec.decode(Child.self, encoded.0)
                    try codec.decode(RiskIndicator.self, encoded.1)
                    try codec.decode(MissingEpisode.self, encoded.2)
                    try codec.decode(SafetyPlan.self, encoded.3)
                    try codec.decode(Referral.self, encoded.4)
                })
            }
            figures.append(figure)
        }
        return figures
    }

    /// A property list's top level must be a container: each record goes in a one-key box.
    private struct Box<Value: Codable>: Codable {
        let value: Value
    }

    private enum Codec {
        case json, plist

        var name: String { self == .json ? "JSON" : "binary property list" }

        func encode<Value: Codable>(_ values: [Value]) throws -> [Data] {
            switch self {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                encoder.dateEncodingStrategy = .secondsSince1970
                return try values.map { try encoder.encode($0) }
            case .plist:
                let encoder = PropertyListEncoder()
                encoder.outputFormat = .binary
                return try values.map { try encoder.encode(Box(value: $0)) }
            }
        }

        func decode<Value: Codable>(_ type: Value.Type, _ payloads: [Data]) throws {
            switch self {
            case .json:
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .secondsSince1970
                for payload in payloads { _ = try decoder.decode(Value.self, from: payload) }
            case .plist:
                let decoder = PropertyListDecoder()
                for payload in payloads { _ = try decoder.decode(Box<Value>.self, from: payload) }
            }
        }
    }
}
