import CareDomain
import Foundation

extension SQLiteCaseStore {
    /// How many open cases name `workerID` on their team (children closed while missing count
    /// too: someone must still be looking for them).
    public func openCaseCount(of workerID: WorkerID) throws -> Int {
        let snapshot = try loadCaseload()
        return snapshot.children.count { snapshot.isOnCaseload($0) && $0.team.members.contains(workerID) }
    }

    /// Refuses to disable an account that still holds open children: nobody would be on their
    /// team. A supervisor reassigns them first (the dashboard's reassignment, one audited change
    /// per child).
    func requireNoOpenCases(ofAccount accountName: String) throws {
        guard let worker = try loadCaseload().workers.first(where: { $0.accountName == accountName }) else { return }
        let held = try openCaseCount(of: worker.id)
        if held > 0 {
            throw StoreError.invalid(
                "\(accountName) still holds \(held) open \(held == 1 ? "child" : "children"); reassign \(held == 1 ? "it" : "them") to another worker first (in care: R, reassign).")
        }
    }
}
