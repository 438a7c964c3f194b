import CareDomain
import Crypto
import Foundation

/// A child's records sealed to another unit (`care transfer export`): HPKE (X25519, SHA-256,
/// ChaCha20-Poly1305, as class keys are granted) to the receiving unit's transfer key. The file
/// is one line of JSON whose clear fields name no one:
///
/// ```json
/// {"format": "care-transfer/1", "to": "<receiving authority fingerprint>",
///  "from": "<sending authority fingerprint>", "sealed": "<encapsulated key ‖ ciphertext, base64>"}
/// ```
///
/// Every clear field is bound into the seal, so a file re-addressed or claiming another sender
/// does not open.
public struct ChildTransferFile: SealedTransferFile, Sendable, Equatable {
    public static let formatName = "care-transfer/1"
    package static let bindingLabel = "care/v3/transfer-file"
    package static let kindInWords = "care transfer file"

    public var format: String
    public var to: String
    public var from: String
    public var sealed: Data

    package static let info = Data("care/v3/transfer".utf8)

    package init(format: String, to: String, from: String, sealed: Data) {
        self.format = format
        self.to = to
        self.from = from
        self.sealed = sealed
    }

    package static func seal(_ package: ChildTransferPackage, to key: TransferKey, from: String) throws -> ChildTransferFile {
        try sealing(try JSONEncoder().encode(package), to: key, addressedTo: UnitAuthority.fingerprint(key.authority), from: from)
    }

    package func open(with privateKey: Curve25519.KeyAgreement.PrivateKey) throws -> ChildTransferPackage {
        guard let plain = opened(with: privateKey) else {
            throw StoreError.invalid("This transfer file was not sealed to this unit (or it was changed on the way); nothing was read.")
        }
        return try JSONDecoder().decode(ChildTransferPackage.self, from: plain)
    }
}

/// What a transfer file holds once opened: the sending unit, when, and the child's records.
public struct ChildTransferPackage: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var kind: RecordKind
        public var record: Data

        package init(kind: RecordKind, record: Data) {
            self.kind = kind
            self.record = record
        }
    }

    public var fromUnit: String
    public var sentAt: Date
    public var consent: String
    public var items: [Item]
    /// The transfer's id, which its answer names; nil in a file from before transfers waited
    /// for an answer (such a file is taken in with no answer to send).
    public var transferID: String?
    /// The sending unit's transfer key (`TransferKey.text`): the answer is sealed to it.
    public var replyKey: String?

    package init(fromUnit: String, sentAt: Date, consent: String, items: [Item], transferID: String? = nil, replyKey: String? = nil) {
        self.fromUnit = fromUnit
        self.sentAt = sentAt
        self.consent = consent
        self.items = items
        self.transferID = transferID
        self.replyKey = replyKey
    }

    /// The records, decoded; the child first.
    public func records() throws -> [AnyRecord] {
        let decoder = RecordCoding.decoder()
        return try items.map { try AnyRecord.decode($0.kind, from: $0.record, using: decoder) }
    }

    public var child: Child? { (try? records())?.lazy.compactMap { $0.as(Child.self) }.first }
}

/// A unit's transfer key: an X25519 public key derived from its authority, with the authority's
/// public key and its signature over it, so a sender checks the key is the authority's and
/// compares the authority fingerprint (by phone, as with `care init`'s) before sealing.
/// Written as `care-transfer-key/2.<unit>.<key>.<authority>.<signature>` (base64url, no
/// padding; the signature covers the unit code and the key); a `care-transfer-key/1` key, with
/// no unit code, is still read.
public struct TransferKey: Sendable, Equatable {
    /// The unit's code (e.g. KEN), so the sending unit's record says where the child went; nil
    /// in a first-format key.
    public var unit: String?
    public var agreement: Data
    public var authority: Data
    public var signature: Data

    package static let prefix = "care-transfer-key/2"
    package static let firstPrefix = "care-transfer-key/1"
    package static let derivation = Data("care/v3/transfer-key".utf8)

    /// The X25519 key pair `authority` derives for transfers: the same every time, so the key a
    /// unit hands out opens files sealed to it as long as the authority stands.
    package static func privateKey(of authority: UnitAuthority) throws -> Curve25519.KeyAgreement.PrivateKey {
        let seed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: authority.signingKey.rawRepresentation), info: derivation, outputByteCount: 32)
        return try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: seed.withUnsafeBytes { Data($0) })
    }

    package static func make(_ authority: UnitAuthority, unit: String) throws -> TransferKey {
        let agreement = try privateKey(of: authority).publicKey.rawRepresentation
        return TransferKey(unit: unit, agreement: agreement, authority: authority.publicKey,
                           signature: try authority.signingKey.signature(for: signedBytes(agreement, unit: unit)))
    }

    package static func signedBytes(_ agreement: Data, unit: String?) -> Data {
        var binding = BindingData(unit == nil ? "care/v3/transfer-key" : "care/v3/transfer-key/2")
        if let unit { binding.text(unit) }
        binding.blob(agreement)
        return binding.bytes
    }

    public var text: String {
        let parts = [agreement, authority, signature].map { $0.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") }
        return ((unit.map { [Self.prefix, $0] } ?? [Self.firstPrefix]) + parts).joined(separator: ".")
    }

    /// A unit code as a key may carry it: letters and digits, as case numbers begin.
    package static func isUnitCode(_ text: String) -> Bool {
        (1...12).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The key in `text`, when it is one and its authority signed it.
    public init(text: String) throws {
        var parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var unit: String?
        if parts.count == 5, parts[0] == Self.prefix, Self.isUnitCode(parts[1]) {
            unit = parts[1]
            parts = [Self.firstPrefix] + parts.dropFirst(2)
        }
        func bytes(_ part: String) -> Data? {
            var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            return Data(base64Encoded: base64)
        }
        guard parts.count == 4, parts[0] == Self.firstPrefix, let agreement = bytes(parts[1]), let authority = bytes(parts[2]),
              let signature = bytes(parts[3]),
              let verifying = try? UnitAuthority.VerifyingKey(rawRepresentation: authority),
              verifying.isValidSignature(signature, for: Self.signedBytes(agreement, unit: unit))
        else { throw StoreError.invalid("That is not a unit's transfer key (care transfer key prints one), or its signature does not verify.") }
        self.init(unit: unit, agreement: agreement, authority: authority, signature: signature)
    }

    package init(unit: String?, agreement: Data, authority: Data, signature: Data) {
        self.unit = unit
        self.agreement = agreement
        self.authority = authority
        self.signature = signature
    }

    package func agreementKey() throws -> Curve25519.KeyAgreement.PublicKey {
        try Curve25519.KeyAgreement.PublicKey(rawRepresentation: agreement)
    }

    /// The authority as people compare it.
    public var fingerprint: String { UnitAuthority.fingerprint(authority) }
}
