import CareDomain
import Foundation

/// The screen is locked: nothing about any child is drawn until the passphrase is typed again.
public struct LockState: Sendable, Equatable {
    public var reason: String
    public var passphrase = PassphraseInput()
    public var failures = 0
    public var retryAfter: Date?
    public var error: String?
    /// What is under way off the loop (locking, checking the passphrase), and the wait for
    /// another session while it lasts (`StoreWaitUpdate`).
    public var notice: String?

    public init(reason: String) {
        self.reason = reason
    }

    /// Growing delay after each wrong passphrase: 1, 2, 4, 8 … seconds, at most 30 (the
    /// store applies the same rule across processes).
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        SignInDelay.after(failures: max(1, failures))
    }
}
