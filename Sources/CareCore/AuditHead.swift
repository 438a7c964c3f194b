import Crypto
import Foundation

/// The head of the audit trail (`meta.audit_head`): the last event's sequence number and hash,
/// with an HMAC under a key from the team key over both and the store's id. A trail cut short
/// no longer reaches its head; a head rewritten to match the cut does not verify without the key.
package struct AuditHead: Sendable, Equatable {
    package var sequence: Int64
    package var hash: Data
    package var mac: Data

    package static let length = 8 + 32 + 32

    package init(sequence: Int64, hash: Data, keyring: Keyring) {
        self.sequence = sequence
        self.hash = hash
        mac = Self.mac(sequence: sequence, hash: hash, keyring: keyring)
    }

    private init(sequence: Int64, hash: Data, mac: Data) {
        self.sequence = sequence
        self.hash = hash
        self.mac = mac
    }

    /// The head before any event.
    package static func empty(keyring: Keyring) -> AuditHead { AuditHead(sequence: 0, hash: AuditChain.genesis, keyring: keyring) }

    package init?(stored blob: Data) {
        guard blob.count == Self.length else { return nil }
        let bytes = [UInt8](blob)
        let sequence = bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        self.init(sequence: sequence, hash: Data(bytes[8..<40]), mac: Data(bytes[40..<72]))
    }

    package var stored: Data {
        var blob = withUnsafeBytes(of: sequence.bigEndian) { Data($0) }
        blob.append(hash)
        blob.append(mac)
        return blob
    }

    package func verifies(keyring: Keyring) -> Bool {
        Self.mac(sequence: sequence, hash: hash, keyring: keyring) == mac
    }

    private static func mac(sequence: Int64, hash: Data, keyring: Keyring) -> Data {
        var binding = BindingData("care/v2/audit-head")
        binding.text(keyring.storeID)
        binding.integer(sequence)
        binding.blob(hash)
        return Data(HMAC<SHA256>.authenticationCode(for: binding.bytes, using: keyring.derived("audit-head")))
    }

    /// For `care audit --head`: what to write down outside the store.
    package func summary(storeID: String) -> AuditHeadSummary {
        AuditHeadSummary(storeID: storeID, sequence: sequence, hash: hash.map { String(format: "%02x", $0) }.joined())
    }
}

/// The audit head as words for an outside record (`care audit --head`).
public struct AuditHeadSummary: Sendable, Equatable {
    public var storeID: String
    public var sequence: Int64
    /// The last event's chain hash, in hex.
    public var hash: String
}
