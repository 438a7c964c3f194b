import CareDomain
import Foundation
import TextUI

/// The pure heart of the app: an action changes the state and may ask for effects. No I/O
/// happens here, which is what lets every screen be driven and asserted headless.
///
/// Keys go to the screen in front (`AppState.keyChain`): a command from the first context that
/// binds the key, else typing into the field in front, else the chain's fallback. Results of
/// effects come back here as actions too.
public enum Update {
    public static func apply(_ action: Action, to state: inout AppState) -> [Effect] {
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
            state.quitRequested = true
            return []
        case .tick(let now):
            return tick(now, in: &state)
        case .storeWaiting(let effect):
            StoreWaitUpdate.started(effect, in: &state)
            return []
        case .storeWaitEnded:
            StoreWaitUpdate.ended(in: &state)
            return []
        case .previewRecorded, .detailLoaded, .detailRefreshed, .contactsLoaded, .auditTrailLoaded, .commandFinished, .changesArrived,
             .patchLoaded, .unlockFinished, .handoverLoaded, .lastHandoverLoaded, .revealFinished, .handoverWritten:
            return StoreResults.apply(action, to: &state)
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
        // The wall's passphrase is typed whole, as at the lock: no key in it is a command.
        if case .reveal(var reveal)? = state.front {
            state.screens.removeLast()
            let effects = reveal.handle(key, in: &state)
            if reveal.open { state.screens.append(.reveal(reveal)) }
            return effects
        }
        switch state.keymap.resolve(key, in: state.keyChain) {
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
            if case .form(var form)? = state.screens.last, form.acceptsText {
                state.lastInput = state.now
                state.message = form.typeText(text)
                state.screens[state.screens.count - 1] = .form(form)
                return []
            }
            if state.screens.isEmpty, state.dashboard.filterEditing {
                state.lastInput = state.now
                state.message = nil
                let clean = Sanitizer.clean(text)
                let room = max(0, FilterLine.limit - state.dashboard.filterField.value.count)
                _ = state.dashboard.filterField.insert(text: String(clean.prefix(room)))
                if clean.count > room { state.message = "The filter holds at most \(FilterLine.limit) characters." }
                DashboardUpdate.setFilter(Sanitizer.clean(state.dashboard.filterField.value), in: &state)
                return []
            }
        }
        // Not all of it is typing: key by key. (`App` splits such a burst before it gets here,
        // so each key's effects run before the next key is read; this is for callers that don't.)
        var effects: [Effect] = []
        for key in text.map({ Key.char($0) }) where !state.quitRequested { effects += handle(key, in: &state) }
        return effects
    }

    /// Whether every character of `text` would be typed into the field in front (a form's text
    /// field or the filter line), so the burst can go in as one insertion. A letter bound to a
    /// command where the burst lands (a save, a screen) makes the burst keys again.
    static func takesAsTyping(_ text: String, in state: AppState) -> Bool {
        guard state.lock == nil, state.storeWait == nil else { return false }
        let chain = state.keyChain
        let intoForm: Bool
        if case .form(let form)? = state.screens.last { intoForm = form.acceptsText } else { intoForm = false }
        guard intoForm || (state.screens.isEmpty && state.dashboard.filterEditing) else { return false }
        return text.allSatisfy { if case .typed = state.keymap.resolve(.char($0), in: chain) { true } else { false } }
    }

    /// A paste goes whole into the field in front: a form field, the filter line, or the
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
        if case .reveal(var reveal)? = state.front {
            if !reveal.passphrase.paste(text) { reveal.error = PassphraseInput.tooLongWords }
            state.screens[state.screens.count - 1] = .reveal(reveal)
            return []
        }
        state.message = nil
        switch state.screens.last {
        case .form(var form)?:
            state.message = form.paste(text)
            state.screens[state.screens.count - 1] = .form(form)
        case nil where state.dashboard.filterEditing:
            if state.dashboard.filterField.insert(text: Sanitizer.clean(text)) {
                DashboardUpdate.setFilter(state.dashboard.filterField.value, in: &state)
            } else {
                state.message = "Not pasted: the filter holds at most \(FilterLine.limit) characters. Nothing was changed."
            }
        case nil:
            state.message = "Pasting goes into a field: open a form first (n for a contact note)."
        default:
            break
        }
        return []
    }

    /// Runs a command from the context that bound it.
    public static func run(_ command: Command, from context: KeyContext, in state: inout AppState) -> [Effect] {
        if context == .global { return global(command, in: &state) }
        if !state.screens.isEmpty { return front(command, in: &state) }
        if state.dashboard.filterEditing { return DashboardUpdate.filter(command, in: &state) }
        return DashboardUpdate.run(command, in: &state)
    }

    /// A key typed into the field in front.
    static func typeKey(_ key: Key, in state: inout AppState) -> [Effect] {
        guard let screen = state.screens.popLast() else {
            if state.dashboard.filterEditing { DashboardUpdate.typeInFilter(key, in: &state) }
            return []
        }
        switch screen {
        case .form(var form):
            form.type(key, width: state.viewports.formFieldWidth)
            state.screens.append(.form(form))
        case .question(var question):
            let given = question.press(key)
            state.screens.append(.question(question))
            if let given { return answerQuestion(given == .yes, in: &state) }
        case .reader(var reader):
            if reader.searching { reader.type(key) }
            state.screens.append(.reader(reader))
        case .childPicker(var picker):
            picker.type(key, state: state)
            state.screens.append(.childPicker(picker))
        case .help, .auditTrail, .handover, .reveal:
            state.screens.append(screen)
        case .servicePicker, .referral, .review:
            state.screens.append(ReferralScreens.type(key, on: screen, in: &state))
        }
        return []
    }

    // MARK: Global commands

    static func global(_ command: Command, in state: inout AppState) -> [Effect] {
        switch command {
        case .help:
            state.screens.append(.help(HelpScreen(id: state.takeScreenID(), chain: state.keyChain)))
        case .toggleMask:
            state.dashboard.masked.toggle()
        case .handover:
            return HandoverUpdate.open(in: &state)
        case .redraw:
            return [.redrawAll]
        case .lock:
            return engageLock("Locked.", in: &state)
        case .quit:
            if state.hasUnsavedInput {
                ask("Quit?", ["Quit and discard what you typed in the open form?"], yes: .quit, yesLabel: "Quit", noLabel: "Back to the form", in: &state)
            } else {
                state.quitRequested = true
            }
        default:
            break
        }
        return []
    }

    static func ask(_ title: String, _ message: [String], yes: QuestionScreen.Yes, yesLabel: String, noLabel: String, in state: inout AppState) {
        let question = QuestionScreen(id: state.takeScreenID(), title: title, message: message, yes: yes, yesLabel: yesLabel, noLabel: noLabel)
        state.screens.append(.question(question))
    }

    /// Locks the screen: nothing about a child is drawn until the passphrase is typed again. The
    /// open record is dropped (opening it again is a new, audited view); forms stay, with what
    /// was typed in them, and a review with its answers, behind the lock.
    static func engageLock(_ reason: String, in state: inout AppState) -> [Effect] {
        state.lock = LockState(reason: reason)
        state.dashboard.detail = nil
        state.preview.forget()
        state.screens.removeAll {
            switch $0 {
            case .form, .review: false
            default: true
            }
        }
        return [.lockStore, .redrawAll]
    }

    // MARK: The screen in front

    static func front(_ command: Command, in state: inout AppState) -> [Effect] {
        guard let screen = state.screens.popLast() else { return [] }
        var step: ScreenStep
        switch screen {
        case .form(var form):
            step = FormUpdate.run(command, on: &form, in: &state)
            if step.keep { state.screens.append(.form(form)) }
        case .help(var help):
            step = help.handle(command, rows: state.viewports.overlayRows, lineCount: help.lines(state, width: state.viewports.overlayWidth).count)
            if step.keep { state.screens.append(.help(help)) }
        case .auditTrail(var trail):
            step = trail.handle(command, rows: state.viewports.overlayRows, lineCount: state.viewports.readerLines)
            if step.keep { state.screens.append(.auditTrail(trail)) }
        case .reader(var reader):
            let (readerStep, message) = reader.handle(command, viewports: state.viewports)
            step = readerStep
            if let message { state.message = message }
            if step.keep { state.screens.append(.reader(reader)) }
        case .handover(var handover):
            if handover.wall { return wall(command, screen: handover, in: &state) }
            step = HandoverUpdate.run(command, on: &handover, in: &state)
            if step.keep { state.screens.append(.handover(handover)) }
        case .childPicker(var picker):
            step = picker.handle(command, in: &state)
            if step.keep { state.screens.append(.childPicker(picker)) }
        case .reveal:
            state.screens.append(screen)
            return []
        case .question:
            state.screens.append(screen)
            switch command {
            case .answerYes: return answerQuestion(true, in: &state)
            case .answerNo: return answerQuestion(false, in: &state)
            default: return []
            }
        case .servicePicker, .referral, .review:
            let (kept, next) = ReferralScreens.run(command, on: screen, in: &state)
            step = next
            if let kept { state.screens.append(kept) }
        }
        if let push = step.push { state.screens.append(push) }
        return step.effects
    }

    /// The wall's keys: quit, and show or hide the names (showing asks for the passphrase).
    static func wall(_ command: Command, screen: HandoverScreen, in state: inout AppState) -> [Effect] {
        state.screens.append(.handover(screen))
        switch command {
        case .quit:
            state.quitRequested = true
        case .reveal where state.dashboard.masked:
            state.screens.append(.reveal(RevealScreen(id: state.takeScreenID())))
        case .reveal:
            state.dashboard.masked = true
        default:
            break
        }
        return []
    }

    /// Answers the question in front.
    static func answerQuestion(_ yes: Bool, in state: inout AppState) -> [Effect] {
        guard case .question(let question)? = state.screens.popLast() else { return [] }
        guard yes else { return [] }
        switch question.yes {
        case .discardForm(let id):
            state.screens.removeAll { $0.id == id }
            state.message = "Discarded."
        case .quit:
            state.quitRequested = true
        case .run(let command, let origin):
            return [.perform(command, origin: origin)]
        case .write(let text, let path, let summary):
            return [.writeHandover(text: text, path: path, summary: summary)]
        }
        return []
    }

    // MARK: The clock

    /// A turn of the loop: the minute hand (durations and time-based alerts move on without a
    /// key), the idle lock, the preview of a child the selection has rested on, and reading the
    /// change feed for other processes' saves.
    static func tick(_ now: Date, in state: inout AppState) -> [Effect] {
        state.now = now
        StoreWaitUpdate.tick(in: &state)
        var effects: [Effect] = []
        let minute = Int(now.timeIntervalSince1970 / 60)
        if minute != state.lastMinute {
            state.lastMinute = minute
            state.dashboard.advance(to: now)
            // A new shift began: its alert watches the handover just given.
            let window = HandoverUpdate.lastWindow(state)
            if window != state.lastHandoverWindow {
                state.lastHandoverWindow = window
                effects.append(.loadLastHandover(window))
            }
            if state.wall { effects += HandoverUpdate.followShift(in: &state) }
        }
        guard state.lock == nil else { return effects }
        if state.wall {
            // The wall never locks (it would go blank at the handover); names mask again instead.
            if !state.dashboard.masked, now.timeIntervalSince(state.lastInput) >= state.settings.idleLimit {
                state.dashboard.masked = true
            }
            if now.timeIntervalSince(state.lastPoll) >= state.settings.pollInterval {
                state.lastPoll = now
                effects.append(.pollChanges(since: state.changeCursor))
            }
            return effects
        }
        if now.timeIntervalSince(state.lastInput) >= state.settings.idleLimit {
            let minutes = Int(state.settings.idleLimit / 60)
            return engageLock("Locked after \(minutes) \(minutes == 1 ? "minute" : "minutes") without a key press.", in: &state)
        }
        // A child whose record does not open has no details to preview.
        let previewable = state.dashboard.selectedRow.flatMap { $0.isDamagedChild ? nil : $0.id }
        if let child = state.preview.tick(selected: previewable, now: now) {
            effects.append(.preview(child))
        }
        if now.timeIntervalSince(state.lastPoll) >= state.settings.pollInterval {
            state.lastPoll = now
            effects.append(.pollChanges(since: state.changeCursor))
        }
        return effects
    }
}
