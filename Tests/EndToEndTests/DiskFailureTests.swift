import CareDomain
import CareStore
import Foundation
import Testing

/// SQLite's failures reach people as words that say what happened to the disk: full, mounted
/// read-only, or gone; never "disk I/O error" or "unable to open database file".
@Suite(.serialized)
struct DiskFailureTests {
    /// A store of the workload kind, on a disk of its own.
    func store(on disk: ScratchDisk) throws -> (WorkloadStore, String) {
        let made = try WorkloadStore(children: 2)
        let path = disk.path + "/unit.care"
        try FileManager.default.copyItem(atPath: made.path, toPath: path)
        return (made, path)
    }

    func open(_ path: String) throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: StoreOptions(path: path, kdfCost: .testOnly),
                                 account: WorkloadStore.account.accountName, passphrase: WorkloadStore.account.passphrase)
    }

    func note(_ store: SQLiteCaseStore, _ words: String) throws -> CaseCommand {
        let child = try #require(store.loadCaseload().children.first)
        return .logContact(Contact(child: child.id, occurredAt: Date(timeIntervalSince1970: 1_780_000_000), author: store.worker.id,
                                   kind: .phone, summary: words))
    }

    @Test(.enabled(if: ScratchDisk.mountAllowed, "needs the right to mount a tmpfs"))
    func aFullDiskIsSaidToBeFullAndNothingIsSaved() throws {
        let disk = try ScratchDisk(kilobytes: 2048)
        let (_, path) = try store(on: disk)
        let store = try open(path)
        try disk.fill()
        let command = try note(store, "Synthetic note on a full disk")
        #expect {
            _ = try store.perform(command)
        } throws: { error in
            guard case StoreError.diskFull = error else { return false }
            return "\(error)".contains("the disk holding it is full") && !"\(error)".contains("I/O")
        }
        // Reading still works, and once there is room the same save lands, once.
        #expect(try store.loadCaseload().children.count == 2)
        try disk.free()
        _ = try store.perform(command)
        let child = try #require(store.loadCaseload().children.first)
        let notes = try store.loadContacts(of: child.id, after: .start, limit: 50).contacts.map(\.summary)
        #expect(notes.filter { $0 == "Synthetic note on a full disk" }.count == 1)
        #expect(try store.verify().isHealthy)
    }

    @Test(.enabled(if: ScratchDisk.mountAllowed, "needs the right to mount a tmpfs"))
    func aStoreOnADiskMountedReadOnlyOpensForReading() throws {
        let disk = try ScratchDisk(kilobytes: 4096)
        let (_, path) = try store(on: disk)
        try disk.remount(readOnly: true)
        let store = try open(path)
        #expect(store.readOnlyReason == "the disk holding it is mounted read-only")
        #expect(try store.loadCaseload().children.count == 2)
        #expect(throws: StoreError.self) { _ = try store.perform(try note(store, "Synthetic")) }
        let check = try CareRun.care("check", "--store", path, "--as", WorkloadStore.account.accountName, "--passphrase-fd", "3",
                                     inputs: [3: WorkloadStore.account.passphrase + "\n"],
                                     environment: Fixture.environment(scratch: try Fixture.scratchDirectory()))
        #expect(check.succeeded, "\(check)")
        #expect(check.stderr.contains("mounted read-only"))
    }

    /// `care check` on a full disk: every check held, and the check's own sign-in could not be
    /// written. It used to exit 1, so a script read a healthy store as damaged; now the exit code
    /// is the store's (0) and the sign-in is said on its own line.
    @Test(.enabled(if: ScratchDisk.mountAllowed, "needs the right to mount a tmpfs"))
    func careCheckOnAFullDiskReportsAHealthyStoreByItsExitCodeAndItsOwnSignInApart() throws {
        let disk = try ScratchDisk(kilobytes: 4096)
        let demo = try DemoTemplate.copy()
        let path = disk.path + "/demo.care"
        try FileManager.default.copyItem(atPath: demo.store, toPath: path)
        try disk.fill(leavingKilobytes: 36)
        let check = try CareRun.care("check", "--store", path, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                     inputs: [3: "demo\n"], environment: Fixture.environment(scratch: demo.scratch))
        #expect(check.exitCode == 0, "\(check)")
        #expect(check.stdout.contains("audit chain intact"), "\(check)")
        #expect(check.stderr.contains("This check's own sign-in could not be written to the audit trail"), "\(check)")
        #expect(check.stderr.contains("the disk holding it is full"), "\(check)")
    }

    /// Where no disk can be filled (no right to mount), a file-size limit does the same to a
    /// child process: every save past it fails in words, and every save acknowledged before it
    /// is kept.
    @Test(.enabled(if: FileSizeLimit.available, "needs prlimit (util-linux)"))
    func aFileSizeLimitReachedWhileSavingIsSaidInWordsAndLosesNothingAcknowledged() throws {
        let store = try WorkloadStore(children: 2)
        let workload = try store.start("mixed", "--seed", "5", "--operations", "40")
        #expect(workload.nextLine() == .opened)
        try FileSizeLimit.set(workload.pid, bytes: 1024)
        #expect(workload.finish() == 0)
        let failures = workload.failures
        #expect(!failures.isEmpty, "saves past the limit fail")
        for words in failures {
            #expect(words.contains("file-size limit") && words.contains("Nothing was saved"), "\(words)")
            #expect(!words.contains("I/O"), "\(words)")
        }
        let stored = try store.contents()
        for ack in workload.acknowledgements {
            #expect((stored[ack.kind + "/" + ack.id]?.version ?? -1) >= ack.version, "acknowledged \(ack.kind) \(ack.id) is kept")
        }
        #expect(try store.check().isHealthy)
    }

    /// SQLite goes on writing into a deleted file in WAL mode: before the check, each save said
    /// "Saved" and all of them vanished when the session closed.
    @Test func aStoreFileDeletedWhileOpenIsSaidToBeGoneAndNothingIsSavedIntoIt() throws {
        let made = try WorkloadStore(children: 1)
        let store = try made.open()
        let command = try note(store, "Synthetic note after the file went")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: made.path + suffix) }
        #expect {
            _ = try store.perform(command)
        } throws: { error in
            guard case StoreError.storeGone = error else { return false }
            return true
        }
    }
}
