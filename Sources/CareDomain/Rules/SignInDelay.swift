import Foundation

/// How long a person waits after wrong passphrases before the next try: 1, 2, 4, 8 … seconds,
/// at most 30. The login screen, the lock screen and the store (for every process, the command
/// line included) use this one rule, so the delays agree wherever the passphrase is typed.
public enum SignInDelay {
    public static let longest: TimeInterval = 30

    /// The wait after `failures` wrong passphrases in a row (none before the first).
    public static func after(failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        return min(longest, pow(2, Double(failures - 1)))
    }
}

/// A sign-in refused without the passphrase being tried: the account is waiting out wrong
/// passphrases (from any process). Screens show the wait instead of counting another failure.
public protocol SignInRefusal: Error {
    /// Seconds until the next try, or nil when this error is not such a refusal.
    var signInWait: Int? { get }
}
