import CareDomain
import Foundation

/// The unit's annual report (`UnitReport`, already suppressed) written as text, Markdown, CSV or
/// JSON. Every output prints each value's `text` and nothing else of it, so "<5" is the same
/// everywhere and no bar, cell or field can give away a count the report hides.
public enum UnitReportDocument {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, csv, json
    }

    /// The report in `format`. `bars` draws a bar beside each shown count of a breakdown in the
    /// text format (for a terminal: block characters, monochrome-safe); a suppressed row gets none.
    public static func render(_ report: UnitReport, format: Format, bars: Bool = false) throws -> String {
        switch format {
        case .text: text(report, bars: bars)
        case .markdown: markdown(report)
        case .csv: try csv(report)
        case .json: try json(report)
        }
    }

    static func title(_ report: UnitReport) -> String {
        "\(report.unit) CARE unit — annual report \(report.year)"
    }

    static let suppressionNote = "Counts under 5 are shown as <5, with one more where the hidden one could be worked out from a total."

    static func text(_ report: UnitReport, bars: Bool) -> String {
        var lines = [title(report)] + wrap(suppressionNote, width: 78) + [""]
        for section in report.sections {
            lines.append(section.title)
            let width = section.rows.map(\.label.count).max() ?? 0
            let valueWidth = section.rows.map(\.value.text.count).max() ?? 0
            let largest = section.rows.compactMap(\.value.count).max() ?? 0
            for row in section.rows {
                var line = "  " + row.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + String(repeating: " ", count: valueWidth - row.value.text.count) + row.value.text
                if bars, section.isBreakdown, let count = row.value.count, largest > 0 {
                    line += "  " + bar(count, of: largest, cells: 30)
                }
                lines.append(line)
            }
            lines += wrap("(\(section.note))", width: 76).map { "  " + $0 }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Words in lines of at most `width` characters (a longer word stands alone), so the notes
    /// read on an 80-column terminal.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `value / largest` of `cells` cells in eighths of a block.
    static func bar(_ value: Int, of largest: Int, cells: Int) -> String {
        let eighths = Int((Double(value) / Double(largest) * Double(cells * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    static func markdown(_ report: UnitReport) -> String {
        var lines = ["# " + title(report), "", suppressionNote, ""]
        for section in report.sections {
            lines += ["## " + section.title, "", "| | |", "|---|---:|"]
            for row in section.rows { lines.append("| \(escapeMarkdown(row.label)) | \(escapeMarkdown(row.value.text)) |") }
            lines += ["", "_\(section.note)_", ""]
        }
        return lines.joined(separator: "\n")
    }

    static func escapeMarkdown(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
    }

    static func csv(_ report: UnitReport) throws -> String {
        let rows = report.sections.flatMap { section in
            section.rows.map { [String(report.year), section.title, $0.label, $0.value.text] }
        }
        return try CSVTable.text(header: ["year", "section", "figure", "value"], rows: rows)
    }

    static func json(_ report: UnitReport) throws -> String {
        struct Document: Encodable {
            var unit: String
            var year: Int
            var suppression: String
            var sections: [Section]
        }
        struct Section: Encodable {
            var title: String
            var note: String
            var figures: [Figure]
        }
        struct Figure: Encodable {
            var label: String
            var value: String
        }
        let document = Document(
            unit: report.unit, year: report.year, suppression: suppressionNote,
            sections: report.sections.map { section in
                Section(title: section.title, note: section.note, figures: section.rows.map { Figure(label: $0.label, value: $0.value.text) })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
