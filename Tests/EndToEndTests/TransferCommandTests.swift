import CareDomain
import CareStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `care backup`, `care report`, `care import` and `care export` through the real binary.
@Suite struct TransferCommandTests {
    static let demoPassphrase = "demo\n"

    func care(_ demo: (scratch: String, store: String), _ args: [String], account: String = "demo-supervisor", inputs: [Int32: String] = [:]) throws -> CareRun {
        var all = inputs
        all[3] = Self.demoPassphrase
        return try CareRun.run([Fixture.careBinary] + args + ["--store", demo.store, "--as", account, "--passphrase-fd", "3"], inputs: all,
                               environment: Fixture.environment(scratch: demo.scratch))
    }

    @Test func aBackupTakenWhileAnotherProcessWritesPassesCareCheck() throws {
        let store = try WorkloadStore(children: 2)
        // Large enough that the copy takes many steps of the backup API.
        let filler = try store.open()
        _ = try filler.importUnitRecords((1...2000).map { n in
            AnyRecord.child(Child(
                caseNumber: CaseNumber(unit: "TST", year: 2025, sequence: n), legalName: "Backup Filler \(n) (synthetic)",
                birth: .estimated(years: 14, asOf: DayDate(year: 2026, month: 1, day: 1)), openedOn: DayDate(year: 2025, month: 1, day: 2)))
        }, summary: "filled the store for a backup test")
        try filler.close()

        let workload = try store.start("mixed", "--seed", "24")
        #expect(workload.nextLine() == .opened)
        // The writer's first save acknowledged: the backup starts while it is at work.
        while let line = workload.nextLine(), line.ack == nil {}
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { workload.finish() }
        let destination = store.scratch + "/backups/workload-copy.care"
        let backup = try CareRun.care(
            "backup", destination, "--store", store.path, "--as", WorkloadStore.account.accountName, "--passphrase-fd", "3",
            inputs: [3: WorkloadStore.account.passphrase + "\n"], environment: Fixture.environment(scratch: store.scratch))
        // The writer was still at work when the backup finished.
        var status: Int32 = 0
        let stillRunning = waitpid(workload.pid, &status, WNOHANG) == 0
        kill(workload.pid, SIGKILL)
        reading.wait()

        #expect(backup.succeeded, "\(backup)")
        #expect(stillRunning)
        #expect(backup.stdout.contains("Backed up \(StoreLocation(path: store.path).path) to \(destination)"), "\(backup)")
        #expect(workload.failures.isEmpty, "\(workload.failures)")
        #expect(!workload.acknowledgements.isEmpty)

        let check = try CareRun.care(
            "check", "--store", destination, "--as", WorkloadStore.account.accountName, "--passphrase-fd", "3",
            inputs: [3: WorkloadStore.account.passphrase + "\n"], environment: Fixture.environment(scratch: store.scratch))
        #expect(check.succeeded, "\(check)")
        #expect(check.stdout.contains("audit chain intact"), "\(check)")
    }

    @Test func theReportNamesNoChildSuppressesSmallCountsAndIsForSupervisors() throws {
        let demo = try DemoTemplate.copy()
        let run = try care(demo, ["report", "--year", "2026", "--format", "csv"])
        #expect(run.succeeded, "\(run)")
        let rows = run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.contains { $0.count == 4 && $0[2] == "children and youth served" })
        for row in rows {
            let value = String(row.last ?? "")
            if let count = Int(value) { #expect(count >= 5, "\(row)") }
        }
        #expect(!run.stdout.contains("Example") && !run.stdout.contains("KEN-2026"), "no name or case number: \(run.stdout)")
        // Not a terminal: no bars.
        let text = try care(demo, ["report", "--year", "2026"])
        #expect(text.succeeded && !text.stdout.contains("█"), "\(text)")

        let refused = try care(demo, ["report", "--year", "2026"], account: "demo-cp")
        #expect(refused.exitCode == 1 && refused.stderr.contains("Only a supervisor can make the unit's report"), "\(refused)")
    }

    @Test func theSampleFileImportsAndABadFileImportsNothingWithExit65() throws {
        let demo = try DemoTemplate.copy()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = root.appendingPathComponent("docs/examples/children.csv").path
        let bad = demo.scratch + "/bad.csv"
        try "legal_name,date_of_birth,risk_level,opened_on\nSample Child (synthetic),2012-02-30,high,2026-01-01\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try care(demo, ["import", bad])
        #expect(refused.exitCode == 65, "\(refused)")
        #expect(refused.stderr.contains("Row 2, column date_of_birth: expected a date as YYYY-MM-DD"), "\(refused)")

        let dry = try care(demo, ["import", sample, "--dry-run"])
        #expect(dry.succeeded && dry.stdout.contains("Nothing was written (--dry-run)."), "\(dry)")
        let run = try care(demo, ["import", sample])
        #expect(run.succeeded, "\(run)")
        #expect(run.stdout.contains("Imported 4 records from children.csv (4 child's records)."), "\(run)")
        let audit = try care(demo, ["audit", "--format", "json"])
        #expect(audit.stdout.contains("\"summary\":\"imported children.csv: 4 records (4 child)\""), "\(audit)")
    }

    @Test func aSealedExportIsPrivateAndImportsIntoANewStoreWithItsPassphrase() throws {
        let demo = try DemoTemplate.copy()
        let out = demo.scratch + "/unit.sealed"
        let export = try care(demo, ["export", "--format", "json", "--out", out, "--encrypt", "--file-passphrase-fd", "4"],
                              inputs: [4: "synthetic export passphrase\n"])
        #expect(export.succeeded, "\(export)")
        let mode = (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.range(of: Data("KEN-2026".utf8)) == nil && bytes.range(of: Data("(demo)".utf8)) == nil)

        let fresh = demo.scratch + "/fresh.care"
        let environment = Fixture.environment(scratch: demo.scratch)
        let made = try CareRun.run([Fixture.careBinary, "init", "--store", fresh, "--unit", "KEN", "--admin", "sup.fresh", "--passphrase-fd", "3"],
                                   inputs: [3: "fresh supervisor passphrase\n"], environment: environment)
        #expect(made.succeeded, "\(made)")
        func importInto(_ passphrase: String) throws -> CareRun {
            try CareRun.run([Fixture.careBinary, "import", out, "--store", fresh, "--as", "sup.fresh", "--passphrase-fd", "3",
                             "--file-passphrase-fd", "4"],
                            inputs: [3: "fresh supervisor passphrase\n", 4: passphrase + "\n"], environment: environment)
        }
        let wrong = try importInto("not the export passphrase")
        #expect(wrong.exitCode == 1 && wrong.stderr.contains("The passphrase does not open this file"), "\(wrong)")
        let right = try importInto("synthetic export passphrase")
        #expect(right.succeeded, "\(right)")
        #expect(right.stdout.contains("Imported "), "\(right)")
    }

    @Test func aRestoreOfAnOlderBackupSaysThisMachineHasSeenMoreAndNamesTheAcceptance() throws {
        let demo = try DemoTemplate.copy()
        let backup = demo.scratch + "/older.care"
        let made = try care(demo, ["backup", backup])
        #expect(made.succeeded, "\(made)")
        #expect(made.stdout.contains("Restore it with: care restore \(backup)"), "\(made)")
        // Another sign-in moves the trail, and this machine's anchor, past the backup.
        #expect(try care(demo, ["audit", "--head"]).succeeded)

        let refused = try CareRun.run([Fixture.careBinary, "restore", backup, "--store", demo.store],
                                      environment: Fixture.environment(scratch: demo.scratch))
        #expect(refused.exitCode == 1 && refused.stderr.contains("restoring would replace it. Nothing was done."), "\(refused)")
        let restored = try CareRun.run([Fixture.careBinary, "restore", backup, "--store", demo.store, "--force"],
                                       environment: Fixture.environment(scratch: demo.scratch))
        #expect(restored.succeeded, "\(restored)")
        #expect(restored.stdout.contains("Kept the store that was at \(demo.store) as \(demo.store).before-restore-"), "\(restored)")
        #expect(restored.stdout.contains("Restored \(backup) to \(demo.store)"), "\(restored)")
        #expect(restored.stderr.contains("This machine has seen event"), "\(restored)")
        #expect(restored.stderr.contains("care anchor accept --store \(demo.store) --as SUPERVISOR"), "\(restored)")
    }

    @Test func theAuditTrailNamesChildrenByCaseNumberInTSVAndJSON() throws {
        let demo = try DemoTemplate.copy()
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let child = try #require(try store.loadCaseload().children.first)
        _ = try store.loadDetail(of: child.id, contactLimit: 1)
        try store.close()

        let tsv = try care(demo, ["audit", "--child", child.caseNumber.description])
        #expect(tsv.succeeded, "\(tsv)")
        let lines: [[Substring]] = tsv.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let view = try #require(lines.first { $0.count == 7 && $0[3] == "view" }, "\(tsv)")
        #expect(String(view[5]) == child.caseNumber.description)
        #expect(!tsv.stdout.contains(child.legalName), "no name: \(tsv)")

        let json = try care(demo, ["audit", "--format", "json"])
        #expect(json.succeeded, "\(json)")
        var objects: [[String: Any]] = []
        for line in json.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            objects.append(try #require(object, "\(line)"))
        }
        #expect(objects.contains { $0["action"] as? String == "view" && $0["child"] as? String == child.caseNumber.description })
        #expect(objects.allSatisfy { Set($0.keys) == ["sequence", "at", "actor", "action", "target", "child", "summary"] })
        // Not a terminal: no progress bar, nor any escape sequence, on either stream.
        #expect(!json.stdout.contains("\u{1B}") && !json.stderr.contains("\u{1B}"))
    }
}
