import CareDomain
import Crypto
import Foundation

/// One unit's word to the other about a transfer: the receiving unit's acceptance or rejection
/// (`care transfer import FILE --accept|--reject`), or the sending unit's revoke
/// (`care transfer revoke`), read on the other side by `care transfer answer FILE`.
///
/// Sealed like the transfer itself (HPKE to the other unit's transfer key), and signed inside the
/// seal by the answering unit's authority, so only the unit it is addressed to opens it and that
/// unit knows which unit wrote it. One line of JSON whose clear fields name no one:
///
/// ```json
/// {"format": "care-transfer-answer/1", "to": "<addressee's authority fingerprint>",
///  "from": "<answering unit's authority fingerprint>", "sealed": "<encapsulated key ‖ ciphertext, base64>"}
/// ```
public struct TransferAnswerFile: SealedTransferFile, Sendable, Equatable {
    public static let formatName = "care-transfer-answer/1"
    package static let bindingLabel = "care/v3/transfer-answer-file"
    package static let kindInWords = "care transfer answer file"

    public var format: String
    public var to: String
    public var from: String
    public var sealed: Data

    package static let info = Data("care/v3/transfer-answer".utf8)

    package init(format: String, to: String, from: String, sealed: Data) {
        self.format = format
        self.to = to
        self.from = from
        self.sealed = sealed
    }

    /// `answer`, signed by `authority` and sealed to `key` (the other unit's transfer key).
    package static func seal(_ answer: TransferAnswer, to key: TransferKey, signedBy authority: UnitAuthority) throws -> TransferAnswerFile {
        var signed = answer
        signed.signer = authority.publicKey
        signed.signature = try authority.signingKey.signature(for: signed.signedBytes(to: key.fingerprint))
        return try sealing(try JSONEncoder().encode(signed), to: key, addressedTo: key.fingerprint,
                           from: UnitAuthority.fingerprint(authority.publicKey))
    }

    /// The answer inside, when it opens with `privateKey` and its signature is by the authority
    /// the clear `from` names.
    package func open(with privateKey: Curve25519.KeyAgreement.PrivateKey) throws -> TransferAnswer {
        guard let plain = opened(with: privateKey), let answer = try? JSONDecoder().decode(TransferAnswer.self, from: plain)
        else { throw StoreError.invalid("This answer file was not sealed to this unit (or it was changed on the way); nothing was read.") }
        guard UnitAuthority.fingerprint(answer.signer) == from,
              let verifying = try? UnitAuthority.VerifyingKey(rawRepresentation: answer.signer),
              verifying.isValidSignature(answer.signature, for: answer.signedBytes(to: to))
        else { throw StoreError.invalid("This answer file's signature is not the answering unit's; nothing was read.") }
        // Signed, but written by another unit: what goes into a record, the trail or the terminal
        // must be a unit code, a case number and words without control characters.
        guard TransferKey.isUnitCode(answer.unit), answer.caseNumberThere.map({ CaseNumber($0) != nil }) ?? true else {
            throw StoreError.invalid("This answer file names its unit or case number in a form care does not write; nothing was read.")
        }
        var clean = answer
        clean.reason = String(String.UnicodeScalarView(answer.reason.unicodeScalars.filter {
            !($0.properties.generalCategory == .control || $0.properties.generalCategory == .format) || $0 == "\n"
        }))
        return clean
    }
}

/// What an answer file holds once opened.
public struct TransferAnswer: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// From the receiving unit: the child is theirs now.
        case accepted
        /// From the receiving unit: they will not take the child, with a reason.
        case rejected
        /// From the sending unit: the transfer is taken back, with a reason; do not accept it.
        case revoked
    }

    public var transferID: String
    public var kind: Kind
    /// When the answering unit recorded it.
    public var at: Date
    /// The rejection's or revoke's reason; empty for an acceptance.
    public var reason: String
    /// The answering unit's code.
    public var unit: String
    /// The child's new case number, on acceptance.
    public var caseNumberThere: String?
    /// The answering unit's authority public key and its signature over the rest.
    public var signer = Data()
    public var signature = Data()

    public init(transferID: String, kind: Kind, at: Date, reason: String = "", unit: String, caseNumberThere: String? = nil) {
        self.transferID = transferID
        self.kind = kind
        self.at = at
        self.reason = reason
        self.unit = unit
        self.caseNumberThere = caseNumberThere
    }

    package func signedBytes(to addressee: String) -> Data {
        var binding = BindingData("care/v3/transfer-answer")
        binding.text(addressee)
        binding.text(transferID)
        binding.text(kind.rawValue)
        binding.time(at.timeIntervalSince1970)
        binding.text(reason)
        binding.text(unit)
        binding.text(caseNumberThere)
        binding.blob(signer)
        return binding.bytes
    }
}
