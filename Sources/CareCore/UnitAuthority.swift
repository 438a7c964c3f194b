import CareDomain
import Crypto
import Foundation

/// The unit's authority: an Ed25519 key pair whose public half is in `meta.authority_key` (and,
/// from the first sign-in on, in each machine's anchors, as SSH keeps host keys) and whose
/// private half is sealed to each supervisor's account key (`authority_grants`). It signs one
/// certificate per account and the keyring, so a row added, a role flipped or a public key
/// planted in the file has no signature that verifies, and no key is granted through it.
package struct UnitAuthority: Sendable {
    package typealias SigningKey = Curve25519.Signing.PrivateKey
    package typealias VerifyingKey = Curve25519.Signing.PublicKey

    package let signingKey: SigningKey

    package static func make() -> UnitAuthority { UnitAuthority(signingKey: SigningKey()) }

    package var publicKey: Data { signingKey.publicKey.rawRepresentation }

    /// A certificate of `account` in the store `storeID`.
    package func certify(_ account: CertifiedAccount, storeID: String) throws -> Data {
        try signingKey.signature(for: account.signedBytes(storeID: storeID))
    }

    /// The signature over the keyring: which classes exist, each with its key check.
    package func signKeyring(_ checks: [VisibilityClass: Data], storeID: String) throws -> Data {
        try signingKey.signature(for: Self.keyringBytes(checks, storeID: storeID))
    }

    package static func keyringBytes(_ checks: [VisibilityClass: Data], storeID: String) -> Data {
        var binding = BindingData("care/v3/keyring")
        binding.text(storeID)
        for visibility in checks.keys.sorted() {
            binding.text(visibility.rawValue)
            binding.blob(checks[visibility])
        }
        return binding.bytes
    }

    /// Seals the private half to a supervisor's account key (HPKE, as a class key is granted),
    /// bound to the store and the account.
    package func seal(to publicKey: AccountKeys.PublicKey, storeID: String, accountID: String) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: KeyGrant.suite, info: Self.info(storeID, accountID))
        return sender.encapsulatedKey + (try sender.seal(signingKey.rawRepresentation))
    }

    /// The authority sealed to this account, or nil when the seal was not made for it or opens
    /// to a key other than `publicKey` (the store's authority).
    package static func open(
        _ sealed: Data, with privateKey: AccountKeys.PrivateKey, storeID: String, accountID: String, publicKey: Data
    ) -> UnitAuthority? {
        let length = KeyGrant.encapsulatedKeyLength
        guard sealed.count > length,
              var recipient = try? HPKE.Recipient(
                  privateKey: privateKey, ciphersuite: KeyGrant.suite, info: info(storeID, accountID),
                  encapsulatedKey: Data(sealed.prefix(length))),
              let raw = try? recipient.open(Data(sealed.dropFirst(length))),
              let key = try? SigningKey(rawRepresentation: raw), key.publicKey.rawRepresentation == publicKey
        else { return nil }
        return UnitAuthority(signingKey: key)
    }

    private static func info(_ storeID: String, _ accountID: String) -> Data {
        var binding = BindingData("care/v3/authority")
        binding.text(storeID)
        binding.text(accountID)
        return binding.bytes
    }

    /// The authority's public key as people compare it: hex in groups of four.
    package static func fingerprint(_ publicKey: Data) -> String {
        let hex = publicKey.map { String(format: "%02x", $0) }.joined()
        var groups: [String] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 4, limitedBy: hex.endIndex) ?? hex.endIndex
            groups.append(String(hex[index..<next]))
            index = next
        }
        return groups.joined(separator: " ")
    }
}

/// What an account's certificate binds: its id, name, role, whether it is active, and its public
/// key. A certificate verifies only for the row exactly as the authority signed it.
package struct CertifiedAccount: Sendable, Equatable {
    package var id: String
    package var name: String
    package var role: Role
    package var active: Bool
    package var publicKey: Data?

    package init(id: String, name: String, role: Role, active: Bool, publicKey: Data?) {
        self.id = id
        self.name = name
        self.role = role
        self.active = active
        self.publicKey = publicKey
    }

    package func signedBytes(storeID: String) -> Data {
        var binding = BindingData("care/v3/account-certificate")
        binding.text(storeID)
        binding.text(id)
        binding.text(name)
        binding.text(role.rawValue)
        binding.integer(active ? 1 : 0)
        binding.blob(publicKey)
        return binding.bytes
    }

    package func verifies(_ certificate: Data?, authority: Data, storeID: String) -> Bool {
        guard let certificate, let key = try? UnitAuthority.VerifyingKey(rawRepresentation: authority) else { return false }
        return key.isValidSignature(certificate, for: signedBytes(storeID: storeID))
    }
}
