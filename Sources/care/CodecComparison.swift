import CareStore
import Foundation

/// `care bench --codecs`: the same summaries decoded from JSON, a binary property list and
/// `SummaryCodec`'s bytes, and the whole team records from JSON (`SummaryCodecComparison`), to
/// keep the summary's codec chosen by measurement.
struct CodecFigure: Codable, Sendable {
    var codec: String
    var records: Int
    var bytes: Int
    /// Decoding every payload once, one by one as the store opens them.
    var decode: BenchSamples
}

enum CodecComparison {
    static func measure(_ store: SQLiteCaseStore) throws -> [CodecFigure] {
        try SummaryCodecComparison.measure(store).map { figure in
            CodecFigure(codec: figure.codec, records: figure.payloads, bytes: figure.bytes, decode: BenchSamples(figure.decode))
        }
    }
}
