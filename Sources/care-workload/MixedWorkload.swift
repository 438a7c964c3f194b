import CareDomain
import CareStore
import Foundation

/// The crash harness's workload: new children, profile edits, contact notes, missing episodes
/// opened and closed, and referrals taken along their workflow, chosen at random from a seed,
/// each announced before it starts and acknowledged once the store returned. The state it
/// acts on is read from the store when it starts, so a run killed half-way is picked up by the
/// next one.
struct MixedWorkload {
    let store: SQLiteCaseStore
    let out: WorkloadOutput
    var random: SeededRandom
    var snapshot: CaseloadSnapshot
    var step = 0

    /// Children beyond this many are not created: the harness runs hundreds of times on one store.
    static let childLimit = 40

    init(store: SQLiteCaseStore, out: WorkloadOutput, seed: UInt64) {
        self.store = store
        self.out = out
        random = SeededRandom(seed: seed)
        snapshot = (try? store.loadCaseload()) ?? CaseloadSnapshot()
    }

    enum Operation: CaseIterable {
        case createChild, editChild, logContact, reportMissing, locate, referral
    }

    mutating func run(operations: Int) {
        var done = 0
        while done < operations {
            guard let (what, command) = next() else { continue }
            step += 1
            out.print(.begin(step: step, what: what))
            do {
                let outcome = try store.perform(command)
                for record in outcome.saved { snapshot.apply(saved: record) }
                if let record = outcome.record { out.acknowledge(step: step, record) }
            } catch let conflict as RecordConflict {
                out.print(.conflict(step: step, kind: conflict.theirs.kind, id: conflict.theirs.recordID))
                snapshot = (try? store.loadCaseload()) ?? snapshot
            } catch let refusal as CommandError {
                out.print(.refused(step: step, words: refusal.description))
                snapshot = (try? store.loadCaseload()) ?? snapshot
            } catch {
                out.print(.error(step: step, words: String(describing: error)))
                snapshot = (try? store.loadCaseload()) ?? snapshot
            }
            done += 1
        }
    }

    /// Whole seconds a minute ago: every time the rules check is in the past.
    var now: Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down)) }

    /// The next operation, or nil when the one drawn has nothing to act on yet.
    mutating func next() -> (String, CaseCommand)? {
        let operation = random.pick(Operation.allCases)
        let children = snapshot.children.filter(\.isOpen)
        if children.isEmpty || (operation == .createChild && children.count < Self.childLimit) {
            return ("create child", .createChild(newChild()))
        }
        let child = random.pick(children)
        switch operation {
        case .createChild, .editChild:
            // The caseload holds summaries; an edit starts from the whole record.
            guard var record = try? store.loadDetail(of: child.id, contactLimit: 1).child else { return nil }
            record.placement = "Workload placement \(random.int(0...999_999))"
            return ("edit child \(child.id.rawValue)", .updateChild(record))
        case .logContact:
            let contact = Contact(child: child.id, occurredAt: now, author: store.worker.id, kind: .phone,
                                  summary: "Workload note \(random.int(0...999_999))", nextSteps: "Workload next step")
            return ("contact for \(child.id.rawValue)", .logContact(contact))
        case .reportMissing:
            guard snapshot.openEpisode(of: child.id) == nil else { return nil }
            let episode = MissingEpisode(child: child.id, reportedMissingAt: now, lastSeenAt: now.addingTimeInterval(-3600),
                                         lastSeenPlace: "Workload bus depot \(random.int(0...999))")
            return ("missing \(child.id.rawValue)", .reportMissing(episode))
        case .locate:
            guard var episode = snapshot.openEpisode(of: child.id) else { return nil }
            episode.located = .init(at: now, place: "Workload mall", returnedTo: "Workload group home")
            return ("located \(episode.id.rawValue)", .updateMissingEpisode(episode))
        case .referral:
            return referralStep(for: child)
        }
    }

    /// A referral's next step along the workflow, or a new referral for the child.
    mutating func referralStep(for child: ChildSummary) -> (String, CaseCommand)? {
        if let open = snapshot.referrals.first(where: { $0.child == child.id && !$0.status.isFinal }) {
            let command: ReferralCommand
            switch open.status {
            case .draft: command = .submit
            case .awaitingReview: command = .overrideApprove(reason: "Workload override")
            case .readyToSend: command = .send
            case .sent: command = random.chance(0.3) ? .waitlist : .accept
            case .waitlisted, .accepted, .active, .completed, .declined, .withdrawn:
                command = open.status == .waitlisted ? .accept : open.status == .accepted ? .start : .complete
            }
            return ("referral \(open.id.rawValue) \(command.step.rawValue)", .applyReferral(open.id, command))
        }
        guard let service = snapshot.services.first else { return nil }
        let referral = Referral(child: child.id, service: service.id, reason: "Workload reason \(random.int(0...999))",
                                consent: .init(state: .given, by: "youth", at: now), createdBy: store.worker.id, createdAt: now)
        return ("new referral for \(child.id.rawValue)", .submitNewReferral(referral))
    }

    mutating func newChild() -> Child {
        let number = random.int(0...999_999)
        return Child(caseNumber: .unassigned(unit: store.unit, year: 2026), legalName: "Workload Child \(number)",
                     birth: .estimated(years: 15, asOf: DayDate(year: 2026, month: 1, day: 1)), riskLevel: .high,
                     team: Team(childProtection: store.worker.id), openedOn: DayDate(year: 2026, month: 1, day: 2))
    }
}
