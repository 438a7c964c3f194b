import CareDomain
import Foundation
import TextUI

/// Keys while the screen is locked: the passphrase is typed (never drawn), Enter tries it after
/// the growing wait, Ctrl-C quits. While locking or unlocking is under way off the loop
/// (`StoreWait`), typing still goes into the passphrase, Enter waits for it (the passphrase
/// stays), and Esc gives up waiting for another session.
enum LockUpdate {
    static func handle(_ key: Key, in state: inout AppState) -> [Effect] {
        if state.storeWait != nil {
            switch key {
            case .enter, .escape: return StoreWaitUpdate.key(key, in: &state)
            case .ctrl("c"), .ctrl("q"): break
            default: StoreWaitUpdate.refuse(in: &state)
            }
        }
        guard var lock = state.lock else { return [] }
        defer { state.lock = lock }
        switch key {
        case .enter:
            if let until = lock.retryAfter, state.now < until {
                lock.error = "Wait \(Int(until.timeIntervalSince(state.now).rounded(.up))) s before trying again."
                lock.passphrase.clear()
                return []
            }
            let passphrase = lock.passphrase.text
            lock.passphrase.clear()
            return [.unlock(passphrase: passphrase)]
        case .ctrl("c"), .ctrl("q"):
            state.quitRequested = true
        default:
            if !lock.passphrase.handle(key) { lock.error = PassphraseInput.tooLongWords }
        }
        return []
    }
}
