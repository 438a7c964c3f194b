import CareDomain
import Foundation

/// The one place the app calls the store. Each effect's result comes back as an `Action`, so what
/// the store answered changes the state through `Update` like everything else.
@MainActor
struct EffectRunner {
    let store: any CaseStore
    let contactPageSize: Int

    func run(_ effect: Effect) -> Action? {
        switch effect {
        case .preview(let child):
            do {
                try store.preview(of: child)
                return .previewRecorded(child, nil)
            } catch {
                return .previewRecorded(child, StoreFailure(error, doing: "show this child's details"))
            }
        case .loadDetail(let child):
            return .detailLoaded(child, attempt("open this record") { try store.loadDetail(of: child, contactLimit: contactPageSize) })
        case .refreshDetail(let child):
            return .detailRefreshed(child, attempt("refresh this record") { try store.refreshDetail(of: child, contactLimit: contactPageSize) })
        case .loadMoreContacts(let child, let cursor):
            return .contactsLoaded(child, attempt("load older contacts") { try store.loadContacts(of: child, after: cursor, limit: contactPageSize) })
        case .loadAuditTrail(let child):
            return .auditTrailLoaded(child, attempt("read the audit trail") { try store.auditTrail(of: child) })
        case .perform(let command, let origin):
            return .commandFinished(origin: origin, command, attempt("save") { try store.perform(command) })
        case .pollChanges(let cursor):
            return .changesArrived(attempt("read other sessions' changes") { try store.changes(since: cursor) })
        case .loadPatch(let children, let catalogue, let upTo):
            return .patchLoaded(attempt("refresh the caseload") { try store.loadPatch(children: children, catalogue: catalogue) }, upTo: upTo)
        case .lockStore:
            store.lock()
            return nil
        case .unlock(let passphrase):
            do {
                try store.unlock(passphrase: passphrase)
                return .unlockFinished(nil)
            } catch {
                return .unlockFinished(StoreFailure(error, doing: "unlock"), waitSeconds: (error as? any SignInRefusal)?.signInWait)
            }
        case .redrawAll:
            return nil
        case .loadHandover(let window, let screen, let since, let until):
            return .handoverLoaded(screen: screen, window, attempt("read the handover") {
                HandoverData(saved: try store.loadHandover(window.handoverID),
                             previous: try store.loadHandover(window.previous.handoverID)?.handover,
                             contacts: try store.contactStamps(from: since, to: until))
            })
        case .loadLastHandover(let window):
            return .lastHandoverLoaded(window, attempt("read the last handover") { try store.loadHandover(window.handoverID) })
        case .verifyPassphrase(let passphrase, let screen):
            do {
                try store.verifyPassphrase(passphrase, purpose: "show names on the wall screen")
                return .revealFinished(screen: screen, nil)
            } catch {
                return .revealFinished(screen: screen, StoreFailure(error, doing: "check the passphrase"))
            }
        case .writeHandover(let text, let path, let summary):
            return .handoverWritten(attempt("write the handover") {
                try HandoverFile.write(text, to: path)
                try store.recordExport(summary)
                return path
            })
        }
    }

    private func attempt<T>(_ doing: String, _ body: () throws -> T) -> Result<T, StoreFailure> {
        do {
            return .success(try body())
        } catch {
            return .failure(StoreFailure(error, doing: doing))
        }
    }
}
