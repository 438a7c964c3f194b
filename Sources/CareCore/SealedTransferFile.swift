import CareDomain
import Crypto
import Foundation

/// What a transfer file and an answer file share: one line of JSON whose clear fields (`format`,
/// `to`, `from`) name no one and are bound into an HPKE seal (as class keys are granted) to the
/// other unit's transfer key, so a file re-addressed or claiming another sender does not open.
package protocol SealedTransferFile: Codable {
    static var formatName: String { get }
    /// HPKE's `info`: which kind of file the seal is for.
    static var info: Data { get }
    /// The label of the associated data binding the clear fields.
    static var bindingLabel: String { get }
    /// The file's kind in words, for "This is not a …".
    static var kindInWords: String { get }

    var format: String { get }
    var to: String { get }
    var from: String { get }
    var sealed: Data { get set }

    init(format: String, to: String, from: String, sealed: Data)
}

extension SealedTransferFile {
    package var associatedData: Data {
        var binding = BindingData(Self.bindingLabel)
        binding.text(format)
        binding.text(to)
        binding.text(from)
        return binding.bytes
    }

    /// A file addressed `to` and `from`, holding `plain` sealed to `key`.
    package static func sealing(_ plain: Data, to key: TransferKey, addressedTo to: String, from: String) throws -> Self {
        var file = Self(format: formatName, to: to, from: from, sealed: Data())
        var sender = try HPKE.Sender(recipientKey: try key.agreementKey(), ciphersuite: KeyGrant.suite, info: info)
        file.sealed = sender.encapsulatedKey + (try sender.seal(plain, authenticating: file.associatedData))
        return file
    }

    /// The sealed bytes, when this is a file of this format sealed to `privateKey` and its clear
    /// fields are as sealed; nil otherwise.
    package func opened(with privateKey: Curve25519.KeyAgreement.PrivateKey) -> Data? {
        let length = KeyGrant.encapsulatedKeyLength
        guard format == Self.formatName, sealed.count > length,
              var recipient = try? HPKE.Recipient(privateKey: privateKey, ciphersuite: KeyGrant.suite, info: Self.info,
                                                  encapsulatedKey: Data(sealed.prefix(length)))
        else { return nil }
        return try? recipient.open(Data(sealed.dropFirst(length)), authenticating: associatedData)
    }

    /// The file as written: JSON, one line.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    package static func read(_ data: Data) throws -> Self {
        guard let file = try? JSONDecoder().decode(Self.self, from: data), file.format == formatName else {
            throw StoreError.invalid("This is not a \(kindInWords).")
        }
        return file
    }
}
