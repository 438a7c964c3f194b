import CareDomain
import Foundation
import TextUI

/// Everything the screen shows and everything `Update` decides from, as plain values: the lock,
/// the dashboard, and the stack of screens over it. Nothing in here performs I/O, so every
/// screen can be driven and asserted headless.
public struct AppState: Sendable {
    /// Who is signed in, and to which unit (whose time zone every time is shown in).
    public let worker: Worker
    public let unit: UnitInfo
    /// The keys, per context, with any remapping from `config.toml`.
    public let keymap: Keymap
    public let settings: AppSettings

    public var now: Date
    public var screenSize: Size
    /// Set while the screen is locked: nothing about any child is drawn.
    public var lock: LockState?
    public var dashboard: Dashboard
    /// Which children's details the child pane may show (their preview is audited).
    public var preview: PreviewAudit
    /// Screens over the dashboard, the front one last (forms, help, the audit trail, questions).
    /// Each owns its keys, its answers and its scroll (`ScreenController`).
    public var screens: [any ScreenController] = []
    /// One line of feedback in words (a refusal, an error, a confirmation), until the next key.
    public var message: String?
    /// Messages waiting their turn (the sign-in's notices beyond the first): the next shows after
    /// a key that leaves no message of its own, so each is read until a key.
    public var laterMessages: [String] = []
    public var quitRequested = false
    /// A store call waiting off the loop for another session's lock, while it waits.
    public var storeWait: StoreWait?

    /// On the office wall: the handover only, read-only, masked until a passphrase is given, and
    /// masked again (not locked) after the idle limit.
    public let wall: Bool
    /// The shift whose handover the alerts are watching (the one before the current shift).
    var lastHandoverWindow: ShiftWindow?

    /// The change feed position this state is up to date with.
    public var changeCursor: Int64
    /// Feed entries of this session's own saves, already applied; skipped when the feed lists them.
    var ownChanges: Set<Int64> = []
    var lastInput: Date
    /// Until when printable keys are not taken as commands: a form, question or dialog closed
    /// just before (`AppSettings.settleTime`), and typing may still be running on.
    var settleUntil: Date?
    var lastPoll: Date
    /// Whether the store announces other sessions' changes and the loop wakes for them
    /// (`ChangeBell`): the feed is then read when told, and on the clock only as a fallback.
    var changesAnnounced = false
    var lastMinute: Int
    var nextScreenID = 1

    public init(
        worker: Worker, unit: UnitInfo, snapshot: CaseloadSnapshot, changeCursor: Int64, now: Date, screenSize: Size,
        keymap: Keymap = DefaultKeymap.make(), settings: AppSettings = AppSettings(), masked: Bool = false, wall: Bool = false
    ) {
        self.wall = wall
        self.worker = worker
        self.unit = unit
        self.keymap = keymap
        self.settings = settings
        self.now = now
        self.screenSize = screenSize
        self.changeCursor = changeCursor
        lastInput = now
        lastPoll = now
        lastMinute = Int(now.timeIntervalSince1970 / 60)
        preview = PreviewAudit(now: now)
        dashboard = Dashboard(snapshot: snapshot, worker: worker, unitCode: unit.code, now: now, zone: unit.timeZone,
                              thresholds: settings.thresholds, masked: masked || wall)
        if wall {
            screens = [HandoverScreen(id: takeScreenID(), window: HandoverScreen.defaultWindow(session), wall: true)]
        }
        if !snapshot.damagedRecords.isEmpty {
            let count = snapshot.damagedRecords.count
            message = "\(count == 1 ? "One record does" : "\(count) records do") not open (damaged) and \(count == 1 ? "is" : "are") marked in the caseload; "
                + "everything else loaded. A supervisor can run `care check`, which names \(count == 1 ? "it" : "them")."
        } else if !snapshot.untrustedChildren.isEmpty {
            message = UntrustedChild.words.replacingOccurrences(of: "this child's record", with: "\(snapshot.untrustedChildren.count == 1 ? "one child's record" : "\(snapshot.untrustedChildren.count) children's records")")
        }
    }

    /// What a new state needs read before its first frame: the wall's handover, and the last
    /// shift's handover for its alert.
    public mutating func start() -> [Effect] {
        var effects = screens.compactMap { ($0 as? HandoverScreen)?.load(session) }
        let window = HandoverScreen.lastWindow(session)
        lastHandoverWindow = window
        effects.append(.loadLastHandover(window))
        effects += SessionResults.reloadPatternAlerts(self)
        return effects
    }

    public var zone: TimeZone { unit.timeZone }
    public var today: DayDate { DayDate(now, in: unit.timeZone) }

    /// The screen in front, if any is over the dashboard.
    public var front: (any ScreenController)? { screens.last }

    /// The contexts a key passes through right now, front first.
    public var keyChain: KeyChain { front?.keyChain ?? DashboardScreen.keyChain(dashboard) }

    /// Whether any screen in the stack holds input that would be lost.
    public var hasUnsavedInput: Bool { screens.contains { $0.holdsUnsavedInput } }

    /// Who is signed in, where, and when: what every screen reads.
    public var session: Session {
        Session(worker: worker, unit: unit, keymap: keymap, settings: settings, now: now, screenSize: screenSize, wall: wall)
    }

    /// What a screen over the dashboard reads.
    public var env: ScreenEnvironment { ScreenEnvironment(session: session, dashboard: dashboard) }

    /// The first screen of a type in the stack, for tests and for the global keys that bring one
    /// to the front.
    public func screen<S: ScreenController>(_ type: S.Type) -> S? {
        screens.lazy.compactMap { $0 as? S }.last
    }

    /// The worker's unsaved drafts in words, for the sign-in: "Unsaved drafts: contact note for
    /// T.M. KEN-2026-0042 (02:14). Open the form to go on."; nil when there are none.
    public var draftsNotice: String? {
        let drafts = dashboard.drafts
        guard !drafts.isEmpty else { return nil }
        let listed = drafts.prefix(3).map { draft in
            let whose = draft.child.map { " for " + dashboard.nameWithCase(ofChild: $0) } ?? ""
            return "\(draft.name)\(whose) (\(TimeText.clock(draft.savedAt, zone: zone)))"
        }
        let more = drafts.count > 3 ? " and \(drafts.count - 3) more" : ""
        return "Unsaved draft\(drafts.count == 1 ? "" : "s"): " + listed.joined(separator: "; ") + more
            + ". Open the form again to go on."
    }

    /// A screen over the dashboard closed: the settle window opens.
    mutating func screenClosed() {
        guard settings.settleTime > 0 else { return }
        settleUntil = now.addingTimeInterval(settings.settleTime)
    }

    /// Whether `key` is typing that runs on after a screen closed: a printable key, no modifier,
    /// inside the settle window. Keys with a modifier and navigation keys always act.
    func settling(_ key: Key) -> Bool {
        guard case .char = key, let until = settleUntil else { return false }
        return now < until
    }

    mutating func takeScreenID() -> Int {
        defer { nextScreenID += 1 }
        return nextScreenID
    }

    /// A child's name as this screen may show it: initials and case number when masked.
    public func name(of child: ChildSummary) -> String { dashboard.name(of: child) }
    public func name(ofChild id: ChildID?) -> String { dashboard.name(ofChild: id) }
}

/// What the app was started with that no key changes.
public struct AppSettings: Sendable {
    /// Minutes without a key press before the screen locks.
    public var idleLimit: TimeInterval
    public var thresholds: AlertThresholds
    /// Contacts load a page at a time, newest first; older pages as the record is scrolled.
    public var contactPageSize: Int
    /// How often the change feed is read for other processes' saves (well inside the 2 s promise).
    public var pollInterval: TimeInterval
    /// How often it is read anyway when the store announces changes (PostgreSQL's `NOTIFY`
    /// wakes the loop at once): the fallback, should an announcement ever not arrive.
    public var announcedPollInterval: TimeInterval = 30
    /// When the unit's shifts start.
    public var shifts: ShiftPattern
    /// Where `P` writes a handover file (the home folder unless the tests say otherwise).
    public var handoverFolder: String
    /// Plain mode: no box drawing, bars or glyph-only marks; list rows spelled out (screen
    /// readers, braille displays, terminals that draw little).
    public var plain: Bool
    /// Whether the cursor shows where the attention is (`cursor = "visible"`); it is always
    /// moved there, shown or not.
    public var showFocusCursor: Bool
    /// How long the wall shows a page of cards before it turns to the next (`wall_page_seconds`).
    public var wallDwell: TimeInterval
    /// After a form, question or dialog closes, for how long printable keys are not taken as
    /// commands (each one ignored keeps the window open). 0.4 s: a worker typing on at 120 ms
    /// per key, or pausing up to a third of a second mid-word, is covered, while a deliberate
    /// next command after reading the status line (well over half a second, tried by hand in
    /// tmux) is not held up. `settle-ms` in config.toml changes it; 0 turns it off.
    public var settleTime: TimeInterval

    public init(
        idleLimit: TimeInterval = 600, thresholds: AlertThresholds = .standard, contactPageSize: Int = 10, pollInterval: TimeInterval = 1,
        shifts: ShiftPattern = .standard,
        handoverFolder: String = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.currentDirectoryPath,
        plain: Bool = false, showFocusCursor: Bool = false, wallDwell: TimeInterval = 10,
        settleTime: TimeInterval = 0.4
    ) {
        self.wallDwell = wallDwell
        self.settleTime = settleTime
        self.handoverFolder = handoverFolder
        self.plain = plain
        self.showFocusCursor = showFocusCursor
        self.idleLimit = idleLimit
        self.thresholds = thresholds
        self.shifts = shifts
        self.contactPageSize = contactPageSize
        self.pollInterval = pollInterval
    }
}
