import CareDomain
import CareStore
import CareTransfer
import Foundation
import Testing

/// The report as printed: every format shows the same suppressed values, and the figures the
/// store's records give are the hand-counted ones.
@Suite struct UnitReportDocumentTests {
    let report = UnitReport(ReportUnit.figures)

    /// The rows whose true count is under 5, by section and label.
    var smallRows: [(section: String, label: String)] {
        report.sections.flatMap { section in section.rows.filter { $0.value == .suppressed }.map { (section.title, $0.label) } }
    }

    @Test func everyFormatPrintsSuppressedRowsAsLessThanFive() throws {
        #expect(smallRows.count > 10)
        let text = try UnitReportDocument.render(report, format: .text, bars: true)
        let markdown = try UnitReportDocument.render(report, format: .markdown)
        let csv = try UnitReportDocument.render(report, format: .csv)
        let json = try UnitReportDocument.render(report, format: .json)
        let csvRows = try CSVTable.parse(Data(csv.utf8)).rows
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sections = try #require(document["sections"] as? [[String: Any]])
        for (section, label) in smallRows {
            #expect(text.split(separator: "\n").contains { $0.hasPrefix("  " + label + " ") && $0.hasSuffix(" <5") }, "\(section) / \(label)")
            #expect(markdown.contains("| \(label) | &lt;5 |"), "\(section) / \(label)")
            #expect(csvRows.contains(["2026", section, label, "<5"]), "\(section) / \(label)")
            let figures = sections.first { $0["title"] as? String == section }?["figures"] as? [[String: String]]
            #expect(figures?.contains(["label": label, "value": "<5"]) == true, "\(section) / \(label)")
        }
    }

    @Test func noFormatPrintsACountUnderFive() throws {
        for format in UnitReportDocument.Format.allCases {
            let output = try UnitReportDocument.render(report, format: format, bars: true)
            // Every figure cell, in every format, is a value's own text: counts of 5 or more,
            // "<5", a share, a measure or "not reported".
            for row in report.sections.flatMap(\.rows) {
                if let count = row.value.count { #expect(count >= 5) }
            }
            for small in 0..<5 {
                #expect(!output.contains("| \(small) |") && !output.contains("\"value\" : \"\(small)\"")
                        && !output.contains(",\(small)\n"), "\(format) prints \(small)")
            }
        }
    }

    @Test func barsAreDrawnOnlyForShownCountsOfABreakdown() throws {
        let text = try UnitReportDocument.render(report, format: .text, bars: true)
        let lines = text.split(separator: "\n")
        let age13 = try #require(lines.first { $0.hasPrefix("  13 ") })
        let age16 = try #require(lines.first { $0.hasPrefix("  16 ") })
        let age14 = try #require(lines.first { $0.hasPrefix("  14 ") })
        // 6 is the largest shown count of the section: a full 30 cells; 5 is 25 cells.
        #expect(age13.hasSuffix(String(repeating: "█", count: 30)))
        #expect(age16.hasSuffix(" " + String(repeating: "█", count: 25)))
        #expect(!age14.contains("█"))
        let plain = try UnitReportDocument.render(report, format: .text, bars: false)
        #expect(!plain.contains("█"))
    }

    @Test func theStoresRecordsGiveTheHandCountedFigures() throws {
        let unit = try ExportRoundTripTests.filled()
        let records = try unit.store.unitRecords([.child, .missingEpisode, .referral, .service], auditing: "made the unit's report for 2026 (text)")
        let zone = unit.store.unitInfo.timeZone
        let contacts = try unit.store.contactStamps(
            from: DayDate(year: 2026, month: 1, day: 1).startOfDay(in: zone)!, to: DayDate(year: 2027, month: 1, day: 1).startOfDay(in: zone)!)
        let figures = UnitFigures(
            year: 2026, unit: "RPT", zone: zone, children: records.all(Child.self), episodes: records.all(MissingEpisode.self),
            referrals: records.all(Referral.self), services: records.all(Service.self), contacts: contacts)
        #expect(figures.normalized == ReportUnit.figures.normalized)
        let last = try #require(try unit.store.audit().last)
        #expect(last.action == .export && last.summary == "made the unit's report for 2026 (text)")
    }
}

extension UnitFigures {
    /// The same figures with the list-valued ones sorted: the store reads records in its own
    /// order, and a median does not depend on it.
    var normalized: UnitFigures {
        var copy = self
        copy.hoursMissing.sort()
        copy.daysDraftToSent.sort()
        copy.contactsPerChild.sort()
        return copy
    }
}
