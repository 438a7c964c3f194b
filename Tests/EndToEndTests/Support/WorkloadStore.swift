import CareDomain
import CareStore
import Foundation

/// A store for the workload tool: made with the fast test key cost, one supervisor whose
/// passphrase the workload reads, a service to refer to and a few children to start from.
struct WorkloadStore {
    static let account = NewAccount(
        accountName: "workload.sup", displayName: "Wren Workloadtest", role: .supervisor, passphrase: "workload test passphrase")

    let scratch: String
    let path: String

    init(children: Int = 4) throws {
        scratch = try Fixture.scratchDirectory()
        path = scratch + "/workload.care"
        let store = try StoreAdmin.create(options: options, unit: "TST", admin: Self.account, timeZone: .gmt)
        _ = try store.perform(.saveService(Service(name: "Workload Test Youth Service", category: .counselling, provider: "Workload Test Provider", region: "Test North")))
        for number in 0..<children {
            _ = try store.perform(.createChild(Child(
                caseNumber: .unassigned(unit: "TST", year: 2026), legalName: "Seed Workloadchild \(number)",
                birth: .estimated(years: 14, asOf: DayDate(year: 2026, month: 1, day: 1)), riskLevel: .medium,
                team: Team(childProtection: store.worker.id), openedOn: DayDate(year: 2026, month: 1, day: 2))))
        }
        try store.close()
    }

    var options: StoreOptions { StoreOptions(path: path, kdfCost: .testOnly) }

    func open() throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: options, account: Self.account.accountName, passphrase: Self.account.passphrase)
    }

    /// Starts the workload tool on this store.
    func start(_ mode: String, _ arguments: String...) throws -> WorkloadProcess {
        try WorkloadProcess([mode, "--store", path, "--account", Self.account.accountName] + arguments, passphrase: Self.account.passphrase)
    }

    /// Every record the supervisor can read, as the workload prints them (sorted JSON), by kind
    /// and id: the caseload's records and every child's contacts.
    func contents() throws -> [String: (version: Int, json: String)] {
        let store = try open()
        defer { try? store.close() }
        let snapshot = try store.loadCaseload()
        var records: [any CareRecord] = snapshot.episodes.values.flatMap { $0 }
        records += snapshot.referrals
        for child in snapshot.children {
            // The caseload holds summaries: the child's whole record comes with its detail.
            records.append(try store.loadDetail(of: child.id, contactLimit: 1).child)
            records += try store.loadContacts(of: child.id, after: .start, limit: 100_000).contacts
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var contents: [String: (version: Int, json: String)] = [:]
        for record in records {
            let kind = type(of: record).kind.rawValue
            contents[kind + "/" + record.recordID] = (record.version, String(decoding: try encoder.encode(record), as: UTF8.self))
        }
        return contents
    }

    /// What `care check` (in this process) says of the store.
    func check() throws -> StoreCheckReport {
        let inspection = try StoreInspection.open(options: options, account: Self.account.accountName, passphrase: Self.account.passphrase)
        defer { try? inspection.close() }
        return try inspection.verify()
    }
}
