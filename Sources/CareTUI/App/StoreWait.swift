import CareDomain
import Foundation
import TextUI

/// A store call waiting off the loop for another session's write lock (`StoreLane`), as the
/// screen shows it: what waits, since when, and whether the person gave up.
public struct StoreWait: Sendable {
    public var effect: Effect
    public var since: Date
    public var givingUp = false

    /// The screen whose save waits, if a screen's save waits.
    var form: Int? {
        if case .perform(_, let origin) = effect { return origin }
        return nil
    }
}

/// The waiting's part of `Update`: the words on screen, and the keys while it lasts.
enum StoreWaitUpdate {
    static func started(_ effect: Effect, in state: inout AppState) {
        let wait = StoreWait(effect: effect, since: state.now)
        state.storeWait = wait
        state.message = words(wait, now: state.now)
    }

    /// The answer has come (it follows, with words of its own): the waiting words go.
    static func ended(in state: inout AppState) {
        if state.storeWait != nil { state.message = nil }
        state.storeWait = nil
    }

    /// Each turn: the seconds waited so far, so the screen shows it is alive.
    static func tick(in state: inout AppState) {
        guard let wait = state.storeWait, !wait.givingUp else { return }
        state.message = words(wait, now: state.now)
    }

    /// Esc gives up (the form keeps everything typed); any other key is told what is going on.
    /// Nothing else is done while the call waits, so nothing typed can be lost under it.
    static func key(_ key: Key, in state: inout AppState) -> [Effect] {
        guard var wait = state.storeWait else { return [] }
        if key == .escape {
            guard !wait.givingUp else { return [] }
            wait.givingUp = true
            state.storeWait = wait
            state.message = "Giving up waiting…"
            return [.giveUpWaiting]
        }
        refuse(in: &state)
        return []
    }

    /// A key or a paste while the call waits: nothing is done with it, and the screen says why.
    static func refuse(in state: inout AppState) {
        guard let wait = state.storeWait, !wait.givingUp else { return }
        state.message = words(wait, now: state.now)
    }

    static func words(_ wait: StoreWait, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(wait.since)))
        let what = wait.form != nil ? "Saving: waiting" : "Waiting"
        let kept = wait.form != nil ? "; what you typed stays in the form" : ""
        return "\(what) for another session… \(seconds) s (another worker's save holds the store). Esc gives up\(kept)."
    }
}
