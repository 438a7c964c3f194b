import CareDomain
import Foundation

/// A turn of the loop with the time it is now: the minute hand (durations and time-based alerts
/// move on without a key), the idle lock, the preview of a child the selection has rested on, and
/// reading the change feed for other processes' saves.
enum AppClock {
    static func tick(_ now: Date, in state: inout AppState) -> [Effect] {
        state.now = now
        StoreWaitUpdate.tick(in: &state)
        var effects: [Effect] = []
        let minute = Int(now.timeIntervalSince1970 / 60)
        if minute != state.lastMinute {
            state.lastMinute = minute
            state.dashboard.advance(to: now)
            // A new shift began: its alert watches the handover just given.
            let window = HandoverScreen.lastWindow(state.session)
            if window != state.lastHandoverWindow {
                state.lastHandoverWindow = window
                effects.append(.loadLastHandover(window))
            }
            for index in state.screens.indices {
                effects += Update.drive(index, in: &state) { screen, ctx in screen.minutePassed(&ctx) }
            }
        }
        guard state.lock == nil else { return effects }
        if state.wall {
            // The wall never locks (it would go blank at the handover); names mask again instead.
            if !state.dashboard.masked, now.timeIntervalSince(state.lastInput) >= state.settings.idleLimit {
                state.dashboard.masked = true
            }
            for index in state.screens.indices {
                effects += Update.drive(index, in: &state) { screen, ctx in screen.clockTicked(&ctx) }
            }
            return effects + poll(now, in: &state)
        }
        if now.timeIntervalSince(state.lastInput) >= state.settings.idleLimit {
            let minutes = Int(state.settings.idleLimit / 60)
            return Update.engageLock("Locked after \(minutes) \(minutes == 1 ? "minute" : "minutes") without a key press.", in: &state)
        }
        // A child whose record does not open has no details to preview.
        let previewable = state.dashboard.selectedRow.flatMap { $0.isDamagedChild ? nil : $0.id }
        if let child = state.preview.tick(selected: previewable, now: now) {
            effects.append(.preview(child))
        }
        return effects + poll(now, in: &state)
    }

    private static func poll(_ now: Date, in state: inout AppState) -> [Effect] {
        guard now.timeIntervalSince(state.lastPoll) >= state.pollInterval else { return [] }
        state.lastPoll = now
        return [.pollChanges(since: state.changeCursor)]
    }
}
