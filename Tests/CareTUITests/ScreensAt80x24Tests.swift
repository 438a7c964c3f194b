import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Every form, the reader, the help and the audit trail at 80×24, compared with reviewed captures
/// in `Golden/` (CARE_UPDATE_GOLDEN=1 rewrites them). Each names whose record it is, in full.
@MainActor
@Suite struct ScreensAt80x24Tests {
    static let size = Size(width: 80, height: 24)

    func check(_ h: Harness, _ name: String, title: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Golden.assert(h.lines, "screen-80x24-\(name).txt", sourceLocation: sourceLocation)
        #expect(h.screen.contains(title), "\(name): the title is cut", sourceLocation: sourceLocation)
        #expect(!(h.lines.last ?? "").hasSuffix("…") || name == "dashboard", "\(name): the hint line is cut", sourceLocation: sourceLocation)
    }

    @Test func everyFormOfTheSelectedChild() throws {
        let h = try Harness(size: Self.size, user: "demo-supervisor")
        let child = try #require(h.dashboard.selectedChild)
        let whose = "\(child.displayName) \(child.caseNumber)"
        let forms: [(key: Character, name: String, title: String)] = [
            ("n", "contact", "Log contact — \(whose)"),
            ("m", child.activeFlags.isEmpty && h.dashboard.snapshot.openEpisode(of: child.id) == nil ? "report-missing" : "missing-episode",
             h.dashboard.snapshot.openEpisode(of: child.id).map { "Missing since \(TimeText.format($0.lastSeenAt, zone: .gmt)) — \(whose)" }
                ?? "Report missing — \(whose)"),
            ("i", "indicator", "Add indicator — \(whose)"),
            ("p", "safety-plan", "Safety plan — \(whose)"),
            ("e", "profile", "Edit profile — \(whose)"),
            ("f", "flag", "Add flag — \(whose)"),
        ]
        for form in forms {
            h.press(.char(form.key))
            try check(h, form.name, title: form.title)
            h.press(.escape)
            if h.front is QuestionScreen { h.answerYes() }
        }
        h.press(.char("N"))
        try check(h, "new-child", title: "New child")
    }

    @Test func theReaderTheHelpAndTheAuditTrail() throws {
        let h = try Harness(size: Self.size, user: "demo-supervisor")
        h.press(.enter)
        h.press(.enter)
        try check(h, "reader", title: "— \(try #require(h.dashboard.selectedChild).displayName)")
        h.press(.escape, .char("?"))
        try check(h, "help", title: "Help — keys that work here")
        h.press(.char("x"), .char("a"))
        try check(h, "audit-trail", title: "Audit trail — ")
    }

    @Test func theAlertForms() throws {
        let h = try Harness(size: Self.size)
        h.press(.char("4"), .char("a"))
        try check(h, "acknowledge-alert", title: "Acknowledge alert — ")
        h.press(.escape, .char("z"))
        try check(h, "snooze-alert", title: "Snooze alert — ")
    }
}

/// Reviewed captures of whole screens.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func assert(_ lines: [String], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["CARE_UPDATE_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").dropLast()
        #expect(lines.count == expected.count, "\(name)", sourceLocation: sourceLocation)
        for (index, (got, want)) in zip(lines, expected).enumerated() where got != want {
            Issue.record("\(name) line \(index + 1):\n got: \(got)\nwant: \(want)", sourceLocation: sourceLocation)
        }
    }
}
