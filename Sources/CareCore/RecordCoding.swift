import CareDomain
import Foundation

/// The plaintext form of sealed payloads: JSON with sorted keys and dates as seconds since 1970,
/// so the same record always encodes to the same bytes.
package enum RecordCoding {
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}

/// The sealed part of an audit event: the words, and who and what it was about (the clear
/// columns hold only keyed tags of those).
package struct AuditPayload: Codable, Sendable {
    package var summary: String
    package var actor: String?
    package var targetKind: String?
    package var targetID: String?
    package var child: String?

    package init(summary: String, actor: String?, targetKind: String?, targetID: String?, child: String?) {
        self.summary = summary
        self.actor = actor
        self.targetKind = targetKind
        self.targetID = targetID
        self.child = child
    }
}
