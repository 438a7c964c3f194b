import ArgumentParser
import CareDomain
import CareStore
import Foundation
import TextUI

/// `care audit`: print the audit trail (supervisor).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Print the audit trail (supervisor).")

    @OptionGroup var login: LoginOptions

    @Option(name: .long, help: "Only events about this case number (e.g. KEN-2026-0042).")
    var child: String?

    @Option(name: .long, help: "Only events by this account.")
    var user: String?

    @Option(name: .long, help: "Only events at or after this time (YYYY-MM-DD or YYYY-MM-DDTHH:MM).")
    var since: String?

    @Option(name: .long, help: "tsv (one event per line, tab-separated) or json (one JSON object per line).")
    var format: AuditLineFormat = .tsv

    @ArgumentParser.Flag(name: .long, help: "Print only the trail's head (store id, last event, its hash), to keep outside the store.")
    var head = false

    func run() throws {
        let store = try login.open()
        defer { try? store.close() }
        if head {
            let summary = try store.auditHead()
            Say.fields(["store", summary.storeID])
            Say.fields(["event", String(summary.sequence)])
            Say.fields(["hash", summary.hash])
            return
        }
        var childID: ChildID?
        if let child {
            guard let number = CaseNumber(child) else { throw CommandFailure.words("\(child) is not a case number like KEN-2026-0042.") }
            guard let found = try store.loadCaseload().children.first(where: { $0.caseNumber == number }) else {
                throw CommandFailure.words("No child has case number \(child).")
            }
            childID = found.id
        }
        let sinceDate = try since.map(parseTime)
        var actorID: String?
        if let user {
            guard let account = try store.listAccounts().first(where: { $0.accountName == user }) else {
                throw CommandFailure.words("No account is named \(user).")
            }
            actorID = account.workerID.rawValue
        }
        let caseload = try store.loadCaseload()
        let workers = Dictionary(caseload.workers.map { ($0.id, $0.accountName) }, uniquingKeysWith: { a, _ in a })
        let caseNumbers = Dictionary(caseload.children.map { ($0.id, $0.caseNumber.description) }, uniquingKeysWith: { a, _ in a })
        for event in try store.audit(child: childID, actor: actorID, since: sinceDate) {
            let line = AuditLine(event, actor: event.actor.flatMap { workers[$0] }, caseNumber: event.child.flatMap { caseNumbers[$0] })
            switch format {
            case .tsv: Say.fields(line.fields)
            case .json: Say.out(try line.json())
            }
        }
    }

    private func parseTime(_ text: String) throws -> Date {
        if let day = DayDate(iso: text), let date = day.startOfDay() { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw CommandFailure.words("\(text) is not a time like 2026-11-23 or 2026-11-23T14:00.")
    }
}
