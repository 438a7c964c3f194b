import ArgumentParser
import CareDomain
import CareStore
import CareTransfer
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `care report --year 2026`: the figures a ministry report quotes, counted from the records,
/// with every count under 5 shown as "<5" so the report can leave the unit.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the unit's annual report for a year (supervisor); counts under 5 show as <5.",
        discussion: """
            Children and youth served (under 15, by age, by Indigenous identity, by exploitation status), \
            missing episodes, referrals by outcome and service category, culturally safe referrals and \
            contacts per child. The report holds no names and is audited. On a terminal the text format \
            draws the breakdowns as bars.
            """
    )

    @OptionGroup var login: LoginOptions

    @Option(name: .long, help: "The calendar year, in the unit's time zone (e.g. 2026).")
    var year: Int

    @Option(name: .long, help: "text, markdown, csv or json.")
    var format: UnitReportDocument.Format = .text

    func validate() throws {
        guard (2000...2100).contains(year) else { throw ValidationError("The year must be between 2000 and 2100, like 2026.") }
    }

    func run() throws {
        let store = try login.open()
        defer { try? store.close() }
        try SupervisorOnly.require(store, to: "make the unit's report")
        let progress = ProgressBar("Counting")
        defer { progress.finish() }
        progress.update(0, of: 2)
        let unit = try store.unitRecords(
            [.child, .missingEpisode, .referral, .service],
            auditing: "made the unit's report for \(year) (\(format.rawValue))")
        if !unit.damaged.isEmpty {
            Say.notice("\(unit.damaged.words.prefix(1).uppercased() + unit.damaged.words.dropFirst()) did not open and \(unit.damaged.count == 1 ? "is" : "are") not counted; run care check.")
        }
        let zone = store.unitInfo.timeZone
        let start = DayDate(year: year, month: 1, day: 1).startOfDay(in: zone)!
        let end = DayDate(year: year + 1, month: 1, day: 1).startOfDay(in: zone)!
        let contacts = try store.contactStamps(from: start, to: end)
        progress.update(1, of: 2)
        let figures = UnitFigures(
            year: year, unit: store.unit, zone: zone, children: unit.all(Child.self), episodes: unit.all(MissingEpisode.self),
            referrals: unit.all(Referral.self), services: unit.all(Service.self), contacts: contacts)
        let text = try UnitReportDocument.render(UnitReport(figures), format: format, bars: isatty(STDOUT_FILENO) == 1)
        progress.update(2, of: 2)
        progress.finish()
        Say.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }
}

extension UnitReportDocument.Format: ExpressibleByArgument {}
