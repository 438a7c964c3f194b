import CareDomain
import Foundation
import TextUI

/// A store call under way off the loop (`StoreLane`), as the screen shows it: what it is, since
/// when, whether another session holds the store, and whether the person gave up.
public struct StoreWait: Sendable {
    public var effect: Effect
    public var since: Date
    /// Whether another session holds the store (so far as is known). A save that waits was found
    /// held before it went off the loop; an unlock is under way first (its key derivation) and
    /// is held only if it then finds the store so.
    public var held: Bool
    public var givingUp = false

    /// The screen whose save waits, if a screen's save waits.
    var form: Int? {
        if case .perform(_, let origin) = effect { return origin }
        return nil
    }

    /// Whether Esc may stop it: only a wait for another session (a call busy with its own work,
    /// an unlock deriving its key, is not waiting for anyone), and not a lock's, which drops the
    /// keys whatever its wait does (only its audit event waits).
    var mayGiveUp: Bool { held && effect != .lockStore }
}

/// The waiting's part of `Update`: the words on screen, and the keys while it lasts.
enum StoreWaitUpdate {
    /// A call went off the loop (`.storeWaiting`), or the one under way found the store held.
    static func started(_ effect: Effect, in state: inout AppState) {
        var wait: StoreWait
        if let current = state.storeWait, current.effect == effect {
            // The same call again: it has found another session holding the store.
            wait = current
            wait.held = true
            wait.since = state.now
        } else {
            wait = StoreWait(effect: effect, since: state.now, held: !EffectRunner.startsOffTheLoop(effect))
        }
        state.storeWait = wait
        show(wait, in: &state)
    }

    /// The answer has come (it follows, with words of its own): the waiting words go.
    static func ended(in state: inout AppState) {
        if state.storeWait != nil { state.message = nil }
        state.lock?.notice = nil
        state.storeWait = nil
    }

    /// Each turn: the seconds waited so far, so the screen shows it is alive.
    static func tick(in state: inout AppState) {
        guard let wait = state.storeWait, !wait.givingUp else { return }
        show(wait, in: &state)
    }

    /// Esc gives up (the form keeps everything typed); any other key is told what is going on.
    /// Nothing else is done while the call waits, so nothing typed can be lost under it.
    static func key(_ key: Key, in state: inout AppState) -> [Effect] {
        guard var wait = state.storeWait else { return [] }
        if key == .escape, wait.mayGiveUp {
            guard !wait.givingUp else { return [] }
            wait.givingUp = true
            state.storeWait = wait
            state.message = "Giving up waiting…"
            state.lock?.notice = state.message
            return [.giveUpWaiting]
        }
        refuse(in: &state)
        return []
    }

    /// A key or a paste while the call waits: nothing is done with it, and the screen says why.
    static func refuse(in state: inout AppState) {
        guard let wait = state.storeWait, !wait.givingUp else { return }
        show(wait, in: &state)
    }

    /// The words go to the key-hint line, and to the lock screen when it is up (it draws nothing
    /// else of the dashboard).
    private static func show(_ wait: StoreWait, in state: inout AppState) {
        state.message = words(wait, now: state.now)
        state.lock?.notice = state.message
    }

    static func words(_ wait: StoreWait, now: Date) -> String {
        let what: String
        switch wait.effect {
        case .perform where wait.form != nil: what = "Saving"
        case .lockStore: what = "Locking"
        case .unlock: what = "Unlocking"
        case .verifyPassphrase: what = "Checking the passphrase"
        case .writeHandover: what = "Writing the handover"
        default: what = ""
        }
        guard wait.held else { return what + "…" }
        let seconds = max(0, Int(now.timeIntervalSince(wait.since)))
        let waiting = (what.isEmpty ? "Waiting" : what + ": waiting") + " for another session… \(seconds) s (another worker's save holds the store)."
        let kept: String
        switch wait.effect {
        case .lockStore: return waiting + " The screen is locked already."
        case .perform where wait.form != nil: kept = "; what you typed stays in the form"
        case .unlock, .verifyPassphrase: kept = "; type the passphrase again after"
        case .writeHandover: kept = "; no file is left"
        default: kept = ""
        }
        return waiting + " Esc gives up\(kept)."
    }
}
