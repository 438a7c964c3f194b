import CareDomain
import Foundation
import TextUI

/// The frame loop: reads every waiting key, turns keys into actions through the key map, lets
/// `Update` change the state, runs the effects (the only store calls), polls the store for other
/// processes' saves, and draws only the cells that changed. Works over any `Terminal`.
@MainActor
public final class App {
    public private(set) var state: AppState
    public let keyMap: KeyMap<AppAction>
    public let theme: Theme
    public private(set) var lock: LockState?

    let store: any CaseStore
    let terminal: any Terminal
    let clock: any WallClock
    let idleLimit: TimeInterval
    var previous: Buffer?
    var needsRender = true
    var lastInput: Date
    var lastPoll: Date
    var lastToken: Int64
    var lastMinute = 0

    /// Contacts are loaded a page at a time, newest first; older pages as the record is scrolled.
    static let contactPageSize = 10

    /// How often the store is asked whether another process saved (well inside the 2 s promise).
    static let pollInterval: TimeInterval = 1

    public init(
        store: any CaseStore, terminal: any Terminal, keyMap: KeyMap<AppAction> = DefaultKeyMap.make(),
        theme: Theme, clock: any WallClock = SystemClock(), unit: String, masked: Bool = false,
        idleLimit: TimeInterval = 600
    ) throws {
        self.store = store
        self.terminal = terminal
        self.keyMap = keyMap
        self.theme = theme
        self.clock = clock
        self.idleLimit = idleLimit
        let now = clock.now()
        lastInput = now
        lastPoll = now
        lastToken = try store.changeToken()
        state = AppState(worker: store.worker, unit: unit, snapshot: try store.loadCaseload(), now: now,
                         screenSize: terminal.size, masked: masked)
    }

    /// Runs until the person quits or the process is asked to stop.
    public func run() {
        render()
        while !state.quitRequested {
            step(timeoutMilliseconds: 250)
        }
    }

    /// One turn of the loop: handle every waiting event, tick, and draw if anything changed.
    /// Tests call this with a zero timeout after feeding keys to a `HeadlessTerminal`.
    public func step(timeoutMilliseconds: Int) {
        let events = terminal.readEvents(timeoutMilliseconds: timeoutMilliseconds)
        let now = clock.now()
        state.now = now
        for event in events {
            handle(event, at: now)
            if state.quitRequested { return }
        }
        tick(now: now)
        if needsRender { render() }
    }

    func handle(_ event: InputEvent, at now: Date) {
        needsRender = true
        switch event {
        case .interrupt:
            state.quitRequested = true
        case .resize(let size):
            state.screenSize = size
            previous = nil
            terminal.invalidate()
        case .key(let key):
            lastInput = now
            if lock != nil {
                handleLocked(key)
            } else if state.auditTrail != nil {
                Update.applyInAudit(keyMap.action(for: key), to: &state).forEach(perform)
            } else if state.showingHelp {
                // In help, the scroll keys scroll, Ctrl-X still locks, and any other key closes it.
                Update.apply(keyMap.action(for: key) ?? .help, to: &state).forEach(perform)
            } else if state.form != nil, keyMap.action(for: key) != .lock {
                FormUpdate.handle(key, in: &state).forEach(perform)
            } else if state.filterEditing, keyMap.action(for: key) != .lock {
                Update.editFilter(key, in: &state)
            } else if let action = keyMap.action(for: key) {
                let effects = Update.apply(action, to: &state)
                effects.forEach(perform)
            }
        }
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .openDetail(let id):
            do {
                state.detail = try store.loadDetail(of: id, contactLimit: Self.contactPageSize)
            } catch {
                state.detail = nil
                state.message = ErrorWords.describe(error, doing: "open this record")
            }
        case .redrawAll:
            previous = nil
            terminal.invalidate()
        case .lock:
            engageLock(reason: "Locked.")
        case .save(let submission):
            save(submission)
        case .loadMoreContacts(let child, let before):
            guard var detail = state.detail, detail.child.id == child else { return }
            do {
                let page = try store.loadContacts(of: child, before: before, limit: Self.contactPageSize)
                detail.contacts.contacts += page.contacts
                detail.contacts.hasMore = page.hasMore
                detail.contacts.hiddenRestricted += page.hiddenRestricted
                state.detail = detail
            } catch {
                state.message = ErrorWords.describe(error, doing: "load older contacts")
            }
        case .openAudit(let child):
            do {
                state.auditTrail = AuditOverlay(child: child, events: try store.auditTrail(of: child))
            } catch {
                state.message = ErrorWords.describe(error, doing: "read the audit trail")
            }
        }
    }

    /// Saves through the store with the version that was read. A conflict keeps the person's
    /// input in the form, merged with the other worker's changes, for review.
    func save(_ submission: Submission) {
        do {
            switch submission {
            case .child(let child): _ = try store.save(child, summary: submission.summary)
            case .contact(let contact): _ = try store.save(contact, summary: submission.summary)
            case .episode(let episode): _ = try store.save(episode, summary: submission.summary)
            case .indicator(let indicator): _ = try store.save(indicator, summary: submission.summary)
            case .plan(let plan): _ = try store.save(plan, summary: submission.summary)
            }
            state.form = nil
            reload()
            if let child = submission.childID {
                if case .child = submission { state.applyQuery(keeping: child) }
                if state.selectedRow?.id == child { perform(.openDetail(child)) }
            }
            state.message = "Saved: \(submission.summary)."
        } catch let conflict as VersionConflict<Child> {
            mergeConflict(theirs: FormCatalog.rebuild(state.form, with: conflict.theirs), savedAt: conflict.savedAt, by: conflict.savedBy)
        } catch let conflict as VersionConflict<MissingEpisode> {
            mergeConflict(theirs: FormCatalog.rebuild(state.form, with: conflict.theirs), savedAt: conflict.savedAt, by: conflict.savedBy)
        } catch let conflict as VersionConflict<SafetyPlan> {
            mergeConflict(theirs: FormCatalog.rebuild(state.form, with: conflict.theirs), savedAt: conflict.savedAt, by: conflict.savedBy)
        } catch let conflict as VersionConflict<RiskIndicator> {
            mergeConflict(theirs: FormCatalog.rebuild(state.form, with: conflict.theirs), savedAt: conflict.savedAt, by: conflict.savedBy)
        } catch {
            state.message = ErrorWords.describe(error, doing: "save")
        }
    }

    func mergeConflict(theirs: FormState?, savedAt: Date?, by: String?) {
        guard var form = state.form, let theirs else {
            state.message = "Another worker changed this record; reopen it to see their version."
            return
        }
        form.mergeConflict(with: theirs)
        let when = savedAt.map { " at " + Durations.clock($0, now: state.now) } ?? ""
        let who = by.map { " (\($0))" } ?? ""
        form.conflict = "Another worker\(who) changed this record\(when) — your text is kept below; review and save again."
        state.form = form
        reload()
    }

    /// Shows one line of feedback in the key-hint line until the next key.
    public func show(message: String) {
        state.message = Sanitizer.clean(message)
        needsRender = true
    }

    /// Idle lock, the minute hand (durations and time-based alerts move on without a key), and
    /// polling for saves made by other processes.
    func tick(now: Date) {
        let minute = Int(now.timeIntervalSince1970 / 60)
        if minute != lastMinute {
            lastMinute = minute
            state.alerts = AlertRules.evaluate(snapshot: state.snapshot, now: now)
            needsRender = true
        }
        if lock == nil, now.timeIntervalSince(lastInput) >= idleLimit {
            engageLock(reason: "Locked after \(Int(idleLimit / 60)) minutes without a key press.")
        }
        guard lock == nil, now.timeIntervalSince(lastPoll) >= Self.pollInterval else { return }
        lastPoll = now
        if let token = try? store.changeToken(), token != lastToken {
            reload()
        }
    }

    func reload() {
        do {
            lastToken = try store.changeToken()
            let before = state.openDetail.map { ($0.child.id, childFingerprint($0.child.id)) }
            state.replaceSnapshot(try store.loadCaseload())
            if let (id, fingerprint) = before, childFingerprint(id) != fingerprint {
                perform(.openDetail(id))
            }
            needsRender = true
        } catch {
            state.message = ErrorWords.describe(error, doing: "refresh the caseload")
        }
    }

    /// What, in the snapshot, says a child's open record is stale.
    func childFingerprint(_ id: ChildID) -> String {
        let child = state.child(id)
        let last = state.snapshot.lastContact[id]?.timeIntervalSince1970 ?? 0
        let episodes = (state.snapshot.episodes[id] ?? []).map(\.version).reduce(0, +)
        return "\(child?.version ?? -1)|\(last)|\(episodes)"
    }

    // MARK: lock

    func engageLock(reason: String) {
        lock = LockState(reason: reason)
        state.detail = nil
        state.auditTrail = nil
        state.showingHelp = false
        // The store writes the lock event itself, then drops the data key.
        store.lock()
        previous = nil
        terminal.invalidate()
        needsRender = true
    }

    func handleLocked(_ key: Key) {
        guard var current = lock else { return }
        switch key {
        case .enter:
            if let until = current.retryAfter, clock.now() < until {
                current.error = "Wait \(Int(until.timeIntervalSince(clock.now()).rounded(.up))) s before trying again."
                break
            }
            do {
                try store.unlock(passphrase: current.passphrase.text)
                current.passphrase.clear()
                lock = nil
                reload()
                previous = nil
                terminal.invalidate()
                return
            } catch {
                current.passphrase.clear()
                current.failures += 1
                current.retryAfter = clock.now().addingTimeInterval(LockState.delay(afterFailures: current.failures))
                current.error = ErrorWords.describe(error, doing: "unlock")
            }
        case .ctrl("c"), .ctrl("q"):
            state.quitRequested = true
        default:
            current.passphrase.handle(key)
        }
        lock = current
    }

    // MARK: drawing

    func render() {
        needsRender = false
        state.screenSize = terminal.size
        let buffer: Buffer
        if let lock {
            buffer = LockScreen.render(lock, unit: state.unit, worker: state.worker, size: terminal.size, theme: theme)
        } else {
            keepSelectionsInView()
            buffer = MainScreen.render(state, keyMap: keyMap, theme: theme)
        }
        let changes = previous.map { buffer.diff(from: $0) } ?? buffer.diff(from: Buffer(size: Size(width: 0, height: 0)))
        terminal.draw(changes, cursor: nil)
        previous = buffer
    }

    /// Scroll offsets live in the state so a list does not jump between frames; they follow the
    /// selection with the heights the panes have at this size.
    func keepSelectionsInView() {
        for (pane, area) in MainScreen.paneAreas(size: state.screenSize, focus: state.focus) {
            let rows = MainScreen.listRows(pane, in: area)
            switch pane {
            case .caseload: state.caseloadScroll.follow(selection: state.caseloadScroll.selection, visibleRows: rows, count: state.rows.count)
            case .referrals: state.referralScroll.follow(selection: state.referralScroll.selection, visibleRows: rows, count: state.queue.count)
            case .alerts: state.alertScroll.follow(selection: state.alertScroll.selection, visibleRows: rows, count: state.alerts.count)
            case .child: break
            }
        }
    }

    /// The frame as last drawn (for tests and for `P`rint later).
    public var lastFrame: Buffer? { previous }
}
