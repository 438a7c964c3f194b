import CareDomain
import CareStore
import CareTransfer
import Foundation
import Testing

/// `care backup` and `care restore`: SQLite's online backup, a copy that opens and passes the
/// store's check, and a restore that never replaces a store unasked.
@Suite struct BackupTests {
    /// A store large enough that its backup takes several steps (2,000 children).
    static func large() throws -> TransferStore {
        let unit = try TransferStore()
        let children = (1...2000).map { n in
            AnyRecord.child(Child(
                caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: n), legalName: "Backup Child \(n) (synthetic)",
                birth: .estimated(years: 14, asOf: DayDate(year: 2026, month: 1, day: 1)), placement: "Sample placement (fictional)",
                openedOn: DayDate(year: 2026, month: 1, day: 2)))
        }
        _ = try unit.store.importUnitRecords(children, summary: "loaded backup children")
        return unit
    }

    func check(_ path: String) throws -> StoreCheckReport {
        let inspection = try StoreInspection.open(
            options: TransferStore.options(path), account: TransferStore.supervisor.accountName, passphrase: TransferStore.supervisor.passphrase)
        defer { try? inspection.close() }
        return try inspection.verify()
    }

    @Test func aBackupTakenWhileAnotherSessionSavesOpensAndPassesTheCheck() throws {
        let unit = try Self.large()
        let other = try unit.open(TransferStore.protection)
        defer { try? other.close() }
        let destination = unit.file("backup/TST-copy.care")
        var steps: [CopyProgress] = []
        var savedDuringBackup: Child?
        let result = try StoreBackup.backup(unit.store, to: destination) { step in
            steps.append(step)
            // Between two steps of the copy, another session saves a child and commits.
            if savedDuringBackup == nil, step.pagesCopied < step.pagesTotal {
                savedDuringBackup = try? other.perform(.createChild(Child(
                    caseNumber: .unassigned(unit: "TST", year: 2026), legalName: "Saved During Backup (synthetic)",
                    birth: .estimated(years: 15, asOf: DayDate(year: 2026, month: 1, day: 1)), openedOn: DayDate(year: 2026, month: 3, day: 1)))
                ).record?.as(Child.self)
            }
        }
        #expect(steps.count > 2, "the copy was made in several steps")
        #expect(steps.last?.pagesCopied == steps.last?.pagesTotal)
        #expect(savedDuringBackup != nil, "the other session's save was not held up by the backup")
        #expect(result.path == StoreLocation(path: destination).path)
        #expect((try FileManager.default.attributesOfItem(atPath: destination)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(!FileManager.default.fileExists(atPath: destination + ".partial"))

        let report = try check(destination)
        #expect(report.isHealthy, "\(report.description)")
        #expect(report.audit.isIntact)
        // The copy is one moment of the store: every child loaded before it was taken is in it.
        let copy = try SQLiteCaseStore.open(options: TransferStore.options(destination), account: TransferStore.supervisor.accountName,
                                            passphrase: TransferStore.supervisor.passphrase)
        defer { try? copy.close() }
        #expect(try copy.loadCaseload().children.count >= 2000)
        // The backup is in the store's trail, and in the copy's.
        #expect(try unit.store.audit().contains { $0.action == .export && $0.summary.hasPrefix("backed up the store to ") })
        #expect(try copy.audit().contains { $0.action == .export && $0.summary.hasPrefix("backed up the store to ") })
        // And the original is still whole with the other session's save in it.
        #expect(try check(unit.path).isHealthy)
    }

    @Test func aBackupNeverReplacesAFile() throws {
        let unit = try TransferStore()
        let destination = unit.file("taken.care")
        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: destination))
        #expect(throws: StoreError.self) { _ = try StoreBackup.backup(unit.store, to: destination) }
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "someone else's file")
    }

    @Test func aRestoreRefusesToReplaceAStoreWithoutForceAndKeepsTheReplacedOne() throws {
        let unit = try TransferStore()
        let backup = unit.file("before.care")
        _ = try StoreBackup.backup(unit.store, to: backup)
        _ = try unit.store.perform(.createChild(Child(
            caseNumber: .unassigned(unit: "TST", year: 2026), legalName: "Added After Backup (synthetic)",
            birth: .estimated(years: 15, asOf: DayDate(year: 2026, month: 1, day: 1)), openedOn: DayDate(year: 2026, month: 3, day: 1))))
        try unit.store.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: unit.path))

        #expect(throws: StoreError.self) { _ = try StoreBackup.restore(from: backup, to: unit.path, force: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: unit.path)) == before)

        let result = try StoreBackup.restore(from: backup, to: unit.path, force: true, now: Date(timeIntervalSince1970: 1_795_000_000))
        let kept = try #require(result.replacedKeptAt)
        #expect(kept == StoreLocation(path: unit.path).path + ".before-restore-20261118T110640Z")
        let restored = try unit.open()
        defer { try? restored.close() }
        #expect(try restored.loadCaseload().children.isEmpty)
        let replaced = try SQLiteCaseStore.open(options: TransferStore.options(kept), account: TransferStore.supervisor.accountName,
                                                passphrase: TransferStore.supervisor.passphrase)
        defer { try? replaced.close() }
        #expect(try replaced.loadCaseload().children.map(\.legalName) == ["Added After Backup (synthetic)"])
        #expect(try check(unit.path).isHealthy)
    }

    @Test func aRestoreOfSomethingThatIsNotAStoreIsRefused() throws {
        let unit = try TransferStore()
        let bogus = unit.file("bogus.care")
        try Data("not a store".utf8).write(to: URL(fileURLWithPath: bogus))
        let target = unit.file("new.care")
        #expect(throws: (any Error).self) { _ = try StoreBackup.restore(from: bogus, to: target, force: false) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
