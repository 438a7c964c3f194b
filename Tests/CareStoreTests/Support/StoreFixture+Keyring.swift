import CareDomain
import Foundation
@testable import CareStore

extension StoreFixture {
    /// The keys an account's passphrase opens, through the store's own key code, read from the
    /// file as a copy of it would be (what the key-class, rotation and investigation tests ask).
    func keyring(of account: NewAccount) throws -> Keyring {
        let queue = try raw()
        let unlock = try SQLiteCaseStore.unlockAccount(
            queue, options: options, account: account.accountName, passphrase: account.passphrase, mayRecord: false)
        guard case .keyPair(let privateKey) = unlock.secret else { throw StoreError.invalid("no key pair") }
        return try queue.read { db in
            try ClassKeys.granted(to: unlock.accountID, privateKey: privateKey, storeID: try StoreDatabase.storeID(db), db: db).0
        }
    }
}
