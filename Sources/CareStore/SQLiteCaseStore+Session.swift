import CareDomain
import Foundation
import GRDB

/// Passphrase checks and exports, which change no record but belong in the audit trail.
extension SQLiteCaseStore {
    /// Unwraps the account's key with `passphrase` (a wrong one is noted as a failed sign-in,
    /// as at login) and audits the check; the session's own keys are not touched.
    public func verifyPassphrase(_ passphrase: String, purpose: String) throws {
        guard !session.isClosed else { throw StoreError.closed }
        _ = try session.keys()
        // The same check, wait and failed-sign-in record as the lock screen's.
        _ = try Self.unlockAccount(dbQueue, options: options, account: worker.accountName, passphrase: passphrase, mayRecord: !isReadOnly)
        try write { db, keys in
            try Self.foldFailedLogins(db, keys: keys)
            try appendEvent(db, keys: keys, action: .unlock, summary: "passphrase given to \(purpose)")
        }
    }

    public func recordExport(_ summary: String) throws {
        try require(.export)
        try write { db, keys in
            try appendEvent(db, keys: keys, action: .export, summary: summary)
        }
    }
}
