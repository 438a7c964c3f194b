import CareDomain
import CareStore
import Foundation

/// One of several processes editing the same few children: each edit reads the child as it is,
/// changes its placement to words naming this worker and the edit, and saves against the
/// version read. A conflict (another process saved first) is reported and the edit is tried
/// again on the newer version, as a person would after seeing the merge; it is not counted.
/// Each save's time in the store (`perform`, saved or refused as a conflict) is printed after it.
struct ContendedEdits {
    let store: any CaseStore
    let out: WorkloadOutput
    let worker: String
    let children: [ChildID]

    func run(edits: Int) {
        var step = 0
        for edit in 0..<edits {
            let id = children[edit % children.count]
            var saved = false
            while !saved {
                step += 1
                do {
                    // The caseload holds summaries; an edit starts from the whole record.
                    var child: Child
                    do {
                        child = try store.loadDetail(of: id, contactLimit: 1).child
                    } catch CommandError.notFound {
                        out.print(.refused(step: step, words: "child \(id.rawValue) is not in the store"))
                        return
                    }
                    child.placement = "\(worker) edit \(edit)"
                    out.print(.begin(step: step, what: "edit \(id.rawValue)"))
                    let started = ContinuousClock.now
                    let outcome: CommandOutcome
                    do {
                        outcome = try store.perform(.updateChild(child))
                    } catch {
                        out.print(.took(step: step, microseconds: Self.microseconds(since: started)))
                        throw error
                    }
                    out.print(.took(step: step, microseconds: Self.microseconds(since: started)))
                    if let record = outcome.record { out.acknowledge(step: step, record) }
                    saved = true
                } catch let conflict as RecordConflict {
                    out.print(.conflict(step: step, kind: conflict.theirs.kind, id: conflict.theirs.recordID))
                } catch let refusal as CommandError {
                    out.print(.refused(step: step, words: refusal.description))
                    return
                } catch {
                    out.print(.error(step: step, words: String(describing: error)))
                }
            }
        }
    }

    private static func microseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = start.duration(to: .now).components
        return Int(elapsed.seconds) * 1_000_000 + Int(elapsed.attoseconds / 1_000_000_000_000)
    }
}
