import CareDomain
import Foundation
import TextUI

/// The pure heart of the app: an action changes the state and may ask for effects. No I/O
/// happens here, which is what lets every screen be driven and asserted headless.
///
/// `Update` only routes: a key to the screen in front (a `ScreenController`, or the dashboard when
/// none is over it), then to the global bindings; a store answer to the screen that asked for it,
/// by its id. What a key or an answer does is the screen's own business.
public enum Update {
    public static func apply(_ action: Action, to state: inout AppState) -> [Effect] {
        switch action {
        case .key, .typed, .paste:
            // A key acts on the whole dashboard, never on a queue the open left for later
            // (`Dashboard.finishBuilding`; the loop builds it before it reads keys anyway).
            state.dashboard.finishBuilding()
        default: break
        }
        switch action {
        case .key(let key):
            return handle(key, in: &state)
        case .typed(let text):
            return typed(text, in: &state)
        case .paste(let text):
            return paste(text, in: &state)
        case .resized(let size):
            state.screenSize = size
            return [.redrawAll]
        case .interrupted:
            // SIGHUP, SIGTERM, a lost terminal: what the forms hold is kept before the loop ends.
            state.quitRequested = true
            return keepDrafts(in: state)
        case .tick(let now):
            return AppClock.tick(now, in: &state)
        case .storeWaiting(let effect):
            StoreWaitUpdate.started(effect, in: &state)
            return effect.origin.map { deliver(.waiting, to: $0, in: &state) } ?? []
        case .storeWaitEnded:
            StoreWaitUpdate.ended(in: &state)
            return []
        case .answer(let origin, let answer):
            return deliver(answer, to: origin, in: &state)
        case .commandFinished(let origin, let command, let result):
            return SaveResults.finished(command, origin: origin, result, in: &state)
        case .previewRecorded, .detailLoaded, .detailRefreshed, .contactsLoaded, .changesArrived, .patchLoaded, .unlockFinished,
             .lastHandoverLoaded, .draftsChanged, .patternAlertsLoaded:
            return SessionResults.apply(action, to: &state)
        }
    }

    // MARK: Keys

    static func handle(_ key: Key, in state: inout AppState) -> [Effect] {
        let effects = answer(key, in: &state)
        if state.message == nil, state.lock == nil, !state.laterMessages.isEmpty {
            state.message = state.laterMessages.removeFirst()
        }
        return effects
    }

    private static func answer(_ key: Key, in state: inout AppState) -> [Effect] {
        state.lastInput = state.now
        if state.lock != nil { return LockUpdate.handle(key, in: &state) }
        if state.storeWait != nil { return StoreWaitUpdate.key(key, in: &state) }
        state.message = nil
        // A screen that takes keys whole (a passphrase) has them before any key map.
        if let front = state.screens.indices.last {
            var taken = false
            let effects = drive(front, in: &state) { screen, ctx in taken = screen.rawKey(key, &ctx) }
            if taken { return effects }
        }
        // Typing that ran on after a form, question or dialog closed is not commands. Each
        // printable key in the window keeps it open (a letter bound to nothing too), so a word
        // typed on at any human speed is ignored whole.
        let settling = state.settling(key)
        if settling { state.settleUntil = state.now.addingTimeInterval(state.settings.settleTime) }
        switch state.keymap.resolve(key, in: state.keyChain) {
        case .command where settling, .ignored where settling:
            state.message = "Typing ignored after the form closed."
            return []
        case .command(let command, let context): return run(command, from: context, in: &state)
        case .typed: return typeKey(key, in: &state)
        case .ignored: return []
        }
    }

    /// Characters that arrived together as keys (a terminal without bracketed paste sends a
    /// paste so): typed into the field in front in one insertion when every one of them would
    /// be typed there anyway, else key by key. One by one, a 100,000-character paste into a
    /// note cost a pass over the note per character and froze the screen for seconds.
    static func typed(_ text: String, in state: inout AppState) -> [Effect] {
        if takesAsTyping(text, in: state) {
            state.lastInput = state.now
            state.message = nil
            var taken = false
            let effects: [Effect]
            if let front = state.screens.indices.last {
                effects = drive(front, in: &state) { screen, ctx in taken = screen.typeText(text, &ctx) }
            } else {
                effects = drivePanes(in: &state) { dashboard, ctx in taken = FilterLineController.typeText(text, dashboard: &dashboard, &ctx) }
            }
            if taken { return effects }
        }
        // Not all of it is typing: key by key. (`App` splits such a burst before it gets here,
        // so each key's effects run before the next key is read; this is for callers that don't.)
        var effects: [Effect] = []
        for key in text.map({ Key.char($0) }) where !state.quitRequested { effects += handle(key, in: &state) }
        return effects
    }

    /// Whether every character of `text` would be typed into the field in front (a screen that
    /// takes text, or the filter line), so the burst can go in as one insertion. A letter bound
    /// to a command where the burst lands (a save, a screen) makes the burst keys again.
    static func takesAsTyping(_ text: String, in state: AppState) -> Bool {
        guard state.lock == nil, state.storeWait == nil else { return false }
        let intoField = state.front?.takesText ?? state.dashboard.filterEditing
        guard intoField else { return false }
        let chain = state.keyChain
        return text.allSatisfy { if case .typed = state.keymap.resolve(.char($0), in: chain) { true } else { false } }
    }

    /// A paste goes whole into the field in front: a screen's field, the filter line, or the
    /// passphrase of the lock screen. Anywhere else it does nothing (it is never keys).
    static func paste(_ text: String, in state: inout AppState) -> [Effect] {
        state.lastInput = state.now
        if state.storeWait != nil, state.lock == nil {
            StoreWaitUpdate.refuse(in: &state)
            return []
        }
        if var lock = state.lock {
            if !lock.passphrase.paste(text) { lock.error = PassphraseInput.tooLongWords }
            state.lock = lock
            return []
        }
        state.message = nil
        if let front = state.screens.indices.last {
            return drive(front, in: &state) { screen, ctx in screen.paste(text, &ctx) }
        }
        return drivePanes(in: &state) { dashboard, ctx in FilterLineController.paste(text, dashboard: &dashboard, &ctx) }
    }

    /// Runs a command from the context that bound it: the global ones here, the rest on the
    /// screen in front.
    public static func run(_ command: Command, from context: KeyContext, in state: inout AppState) -> [Effect] {
        if context == .global { return GlobalCommands.run(command, in: &state) }
        if let front = state.screens.indices.last {
            return drive(front, in: &state) { screen, ctx in screen.handle(command, &ctx) }
        }
        return drivePanes(in: &state) { dashboard, ctx in DashboardScreen.handle(command, from: context, dashboard: &dashboard, &ctx) }
    }

    /// A key typed into the field in front.
    static func typeKey(_ key: Key, in state: inout AppState) -> [Effect] {
        if let front = state.screens.indices.last {
            return drive(front, in: &state) { screen, ctx in screen.type(key, &ctx) }
        }
        return drivePanes(in: &state) { dashboard, ctx in FilterLineController.type(key, dashboard: &dashboard, &ctx) }
    }

    /// A store answer for the screen `origin`; dropped when that screen has closed.
    static func deliver(_ answer: StoreAnswer, to origin: Int, in state: inout AppState) -> [Effect] {
        guard let index = state.screens.firstIndex(where: { $0.id == origin }) else { return [] }
        return drive(index, in: &state) { screen, ctx in screen.receive(answer, &ctx) }
    }

    // MARK: Driving a controller

    /// Runs `body` on the screen at `index` with what it may read and ask for, then carries out
    /// what it asked: it stays or closes, the screens it opened go in front, its words go on the
    /// status line, its requests are done, and its effects are returned for the loop.
    static func drive(_ index: Int, in state: inout AppState, _ body: (inout any ScreenController, inout ScreenContext) -> Void) -> [Effect] {
        // In a scope of its own, so the context's view of the dashboard is gone before a request
        // changes the dashboard (else the change would copy the caseload).
        let (screen, outcome): (any ScreenController, ScreenOutcome) = {
            var screen = state.screens[index]
            var ctx = ScreenContext(env: state.env, outcome: ScreenOutcome(nextID: state.nextScreenID))
            body(&screen, &ctx)
            return (screen, ctx.outcome)
        }()
        if outcome.closes {
            let closed = state.screens.remove(at: index)
            if closed.typingRunsOnAfterClose { state.screenClosed() }
        } else {
            state.screens[index] = screen
        }
        return carryOut(outcome, in: &state)
    }

    /// Runs `body` on the dashboard's panes, which change the dashboard in place.
    static func drivePanes(in state: inout AppState, _ body: (inout Dashboard, inout PaneContext) -> Void) -> [Effect] {
        var ctx = PaneContext(session: state.session, outcome: ScreenOutcome(nextID: state.nextScreenID))
        body(&state.dashboard, &ctx)
        return carryOut(ctx.outcome, in: &state)
    }

    static func carryOut(_ outcome: ScreenOutcome, in state: inout AppState) -> [Effect] {
        state.nextScreenID = max(state.nextScreenID, outcome.nextID)
        state.screens += outcome.pushed
        if let message = outcome.message { state.message = message }
        var effects = outcome.effects
        for request in outcome.requests { effects += carryOut(request, in: &state) }
        // Each screen just put in front hears so (a form restores its draft).
        for pushed in outcome.pushed {
            guard let index = state.screens.firstIndex(where: { $0.id == pushed.id }) else { continue }
            effects += drive(index, in: &state) { screen, ctx in screen.opened(&ctx) }
        }
        return effects
    }

    /// Keeps what every screen holds as its draft (`ScreenController.draft`), before the lock
    /// drops the keys or the process ends. The screens stay as they are.
    static func keepDrafts(in state: AppState) -> [Effect] {
        guard state.lock == nil else { return [] }
        let env = state.env
        return state.screens.compactMap { $0.draft(env) }.map { .keepDraft($0, origin: nil) }
    }

    static func carryOut(_ request: AppRequest, in state: inout AppState) -> [Effect] {
        switch request {
        case .goToChild(let child):
            return drivePanes(in: &state) { dashboard, ctx in DashboardNavigation.select(child: child, dashboard: &dashboard, &ctx) }
        case .closeScreen(let id):
            let closed = state.screens.filter { $0.id == id }
            state.screens.removeAll { $0.id == id }
            if closed.contains(where: \.typingRunsOnAfterClose) { state.screenClosed() }
        case .setMasked(let masked):
            state.dashboard.masked = masked
            if !masked { state.lastInput = state.now }
        case .clearMessage:
            state.message = state.laterMessages.isEmpty ? nil : state.laterMessages.removeFirst()
        case .quit:
            state.quitRequested = true
        case .showReferrals(let view):
            state.dashboard.showReferrals(view)
        case .run(let command, let context):
            return run(command, from: context, in: &state)
        }
        return []
    }

    /// Locks the screen: nothing about a child is drawn until the passphrase is typed again. The
    /// open record is dropped (opening it again is a new, audited view); screens holding what was
    /// typed (forms, a review) stay behind the lock, the rest close.
    static func engageLock(_ reason: String, in state: inout AppState) -> [Effect] {
        // Kept first, while the keys are still there: a hang-up behind the lock loses nothing.
        let drafts = keepDrafts(in: state)
        state.lock = LockState(reason: reason)
        state.dashboard.detail = nil
        state.preview.forget()
        state.screens.removeAll { !$0.staysBehindLock }
        return drafts + [.lockStore, .redrawAll]
    }
}
