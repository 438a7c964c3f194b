import CareDomain
import CareStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A save the store acknowledged is kept whatever happens next: a child process saves a mixed
/// workload and is killed with SIGKILL at random moments, hundreds of times, and after every
/// kill the store is opened and each acknowledged save is found whole.
@Suite(.serialized)
struct CrashHarnessTests {
    /// 200 in CI; `CARE_TORTURE_KILLS=N` runs more (docs/reliability.md).
    static let kills = ProcessInfo.processInfo.environment["CARE_TORTURE_KILLS"].flatMap(Int.init) ?? 200
    /// `CARE_TORTURE_SEED=N` repeats a run's choices (operations and kill moments).
    static let seed = ProcessInfo.processInfo.environment["CARE_TORTURE_SEED"].flatMap(UInt64.init) ?? 13

    @Test func everyAcknowledgedSaveSurvivesSIGKILLAtRandomMoments() throws {
        let store = try WorkloadStore()
        var random = SeededRandom(seed: Self.seed)
        /// The newest acknowledged version of each record, with the record as the store returned it.
        var acknowledged: [String: WorkloadReport.Ack] = [:]
        var acknowledgedSaves = 0
        var killedDuringASave = 0
        for kill in 0..<Self.kills {
            let workload = try store.start("mixed", "--seed", String(random.next()))
            // Kill after a random number of lines: during sign-in, between saves, or (mostly)
            // while a save announced by its `begin` line is under way.
            let linesBeforeKill = Int(random.next() % 16)
            var read = 0
            while read < linesBeforeKill, workload.nextLine() != nil { read += 1 }
            workload.killAndDrain()
            if workload.lines.last?.isBegin == true { killedDuringASave += 1 }
            #expect(workload.failures.isEmpty, "kill \(kill) (seed \(Self.seed)): \(workload.failures)")
            for ack in workload.acknowledgements {
                acknowledgedSaves += 1
                let key = ack.kind + "/" + ack.id
                if (acknowledged[key]?.version ?? -1) < ack.version { acknowledged[key] = ack }
            }

            let stored = try store.contents()
            for (key, ack) in acknowledged {
                guard let record = stored[key] else {
                    Issue.record("kill \(kill) (seed \(Self.seed)): acknowledged \(key) v\(ack.version) is gone")
                    continue
                }
                #expect(record.version >= ack.version, "kill \(kill): \(key) went back from v\(ack.version) to v\(record.version)")
                if record.version == ack.version {
                    #expect(record.json == ack.json, "kill \(kill): \(key) v\(ack.version) is not as acknowledged")
                }
            }
            // The whole check (integrity, every row against the trail, every seal, the chain)
            // every tenth kill and after the last: it grows with the store.
            if kill % 10 == 9 || kill == Self.kills - 1 {
                let report = try store.check()
                #expect(report.isHealthy, "kill \(kill) (seed \(Self.seed)): \(report)")
            }
        }
        #expect(acknowledgedSaves >= Self.kills, "the kills should land among saves, not only at sign-in")
        #expect(killedDuringASave >= Self.kills / 4, "only \(killedDuringASave) kills landed during a save")

        // And the real `care check` agrees.
        let run = try CareRun.care("check", "--store", store.path, "--as", WorkloadStore.account.accountName, "--passphrase-fd", "3",
                                   inputs: [3: WorkloadStore.account.passphrase + "\n"],
                                   environment: Fixture.environment(scratch: store.scratch))
        #expect(run.succeeded, "\(run)")
        print("crash harness: \(Self.kills) kills, \(acknowledgedSaves) acknowledged saves checked, \(killedDuringASave) kills during a save, \(acknowledged.count) records")
    }
}
