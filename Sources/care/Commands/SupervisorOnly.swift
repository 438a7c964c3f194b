import CareDomain
import CareStore

/// The words a command says when someone who is not a supervisor asks for what only a
/// supervisor may do (import, export, report, backup), before anything is read.
enum SupervisorOnly {
    static func require(_ store: any CaseSession, to what: String) throws {
        guard store.worker.role == .supervisor else {
            throw CommandFailure.words("Only a supervisor can \(what); \(store.worker.accountName) is \(store.worker.role.personWithArticle). Ask a supervisor.")
        }
    }
}
