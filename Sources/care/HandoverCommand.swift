import ArgumentParser
import CareDomain
import CareStore
import CareTUI
import Foundation
import TextUI
#if canImport(Glibc)
import Glibc
#endif

/// `care handover`: the shift handover on stdout (text, Markdown or JSON), or `--wall` for the
/// read-only screen on the office wall.
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Print the shift handover (supervisor), or show it on the wall with --wall.",
        discussion: """
            The printed handover names children: it needs the export permission, is audited, and is \
            not written to a terminal unless --to-terminal is given (redirect it to a file or a printer).
            """
    )

    @OptionGroup var login: LoginOptions

    @Option(name: .long, help: "Changes since this time: HH:MM (the most recent such time) or ISO 8601 like 2026-11-23T19:00 (default: the start of the current shift).")
    var since: String?

    @Option(name: .long, help: "text, markdown or json.")
    var format: HandoverDocument.Format = .text

    @ArgumentParser.Flag(name: .long, help: "Show the handover read-only with names masked, refreshing as others save; q quits, M shows names after the passphrase.")
    var wall = false

    @ArgumentParser.Flag(name: .long, help: "Print to the terminal even though it keeps the names in its scrollback.")
    var toTerminal = false

    @Option(name: .long, help: "Theme for --wall.")
    var theme: String?

    func run() throws {
        if wall {
            try runWall()
            return
        }
        if isatty(STDOUT_FILENO) == 1, !toTerminal {
            throw CommandFailure.words("""
                The handover names children, and a terminal keeps what it shows in its scrollback.
                Send it to a file or a printer (care handover --format markdown > handover.md), or add --to-terminal.
                """)
        }
        let store = try login.open()
        let config = ConfigFile.load()
        let now = Date()
        let sinceDate = try since.map { try Self.parseSince($0, zone: store.unitInfo.timeZone, now: now) }
        let text = try HandoverExport.render(store: store, since: sinceDate, format: format, now: now, shifts: config.shifts,
                                             thresholds: config.thresholds)
        // Sanitized already; through `Say` too, as everything the command line prints is.
        Say.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    private func runWall() throws {
        try MainActor.assumeIsolated { try Dashboard.requireTerminal() }
        if login.passphraseFd != nil {
            let store = try login.open()
            try MainActor.assumeIsolated { try Dashboard.run(store: store, theme: theme, wall: true) }
            return
        }
        let (path, looked) = StorePaths.discover(explicit: login.store)
        guard let path, StoreAdmin.exists(path: path) else { throw CommandFailure.noStore(looked: path.map { [$0] } ?? looked) }
        try MainActor.assumeIsolated { try Dashboard.runWithLogin(path: path, preselect: login.account, theme: theme, wall: true) }
    }

    /// `HH:MM` (the most recent such time), `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM` in the unit's
    /// zone, or ISO 8601 with its own offset.
    static func parseSince(_ text: String, zone: TimeZone, now: Date) throws -> Date {
        if let date = TimeText.parse(text.replacingOccurrences(of: "T", with: " "), zone: zone, now: now) { return date }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        throw CommandFailure.words("\(Say.clean(text)) is not a time like 19:00, 2026-11-23T19:00 or 2026-11-23T19:00-05:00.")
    }
}

extension HandoverDocument.Format: ExpressibleByArgument {}
