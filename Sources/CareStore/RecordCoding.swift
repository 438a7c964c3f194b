import CareDomain
import Foundation

/// The plaintext form of sealed payloads: JSON with sorted keys and dates as seconds since 1970,
/// so the same record always encodes to the same bytes.
enum RecordCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}

/// The sealed part of an audit event: the words, and who and what it was about (the clear
/// columns hold only keyed tags of those).
struct AuditPayload: Codable, Sendable {
    var summary: String
    var actor: String?
    var targetKind: String?
    var targetID: String?
    var child: String?
}
