import CareDomain
import Foundation

/// Writes a generated synthetic unit into a new store: one account per demo worker (all with the
/// same public passphrase) and every record in one import transaction.
public enum DemoStore {
    /// The demo passphrase is public, so it may be shorter than real ones.
    static let minimumLength = 4

    public static func create(
        _ demo: DemoUnit, at path: String, passphrase: String, kdfCost: KDFCost = .default, clock: any WallClock = SystemClock(),
        timeZone: TimeZone = .current
    ) throws {
        let options = StoreOptions(path: path, kdfCost: kdfCost, clock: clock)
        guard let supervisor = demo.workers.first(where: { $0.role == .supervisor }) else {
            throw StoreError.invalid("The demo unit has no supervisor.")
        }
        let store = try StoreAdmin.create(
            options: options, unit: UnitInfo(code: demo.unit, timeZone: timeZone), admin: supervisor, passphrase: passphrase, minimumLength: minimumLength)
        // One sign-in account per role (each costs a scrypt derivation); the unit's other workers
        // are records only, so a large generated unit is not minutes of key stretching.
        var signIn: Set<Role> = [.supervisor]
        var others: [any CareRecord] = []
        for worker in demo.workers where worker.id != supervisor.id {
            if signIn.insert(worker.role).inserted {
                try store.addAccount(worker, passphrase: passphrase, minimumLength: minimumLength)
            } else {
                others.append(worker)
            }
        }
        // The pending transfer is addressed to a neighbouring unit that exists only here: a
        // key of a fresh authority, so `care transfer revoke` works on it as on a real one.
        let records = others + (try demo.allRecords.filter { type(of: $0).kind != .worker }.map { record -> any CareRecord in
            guard var child = record as? Child, let transfer = child.transferredOut, transfer.toKey == nil, transfer.state == .pending else { return record }
            let key = try TransferKey.make(UnitAuthority.make(), unit: transfer.toUnit ?? DemoUnit.neighbouringUnit)
            child.transferredOut?.toKey = key.text
            child.transferredOut?.toAuthority = key.fingerprint
            return child
        })
        try store.importRecords(records, summary: "imported the synthetic demo unit")
        try store.close()
    }
}
