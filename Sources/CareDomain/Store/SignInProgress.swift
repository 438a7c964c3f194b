import Foundation

/// How far a sign-in has got with one-time work that takes long on a large store: today, making
/// the caseload summaries of a store made before them (`buildMissingSummaries` of either
/// backend), a batch of children at a time. Counts only: nothing about any child.
///
/// The sign-in screen listens while it signs someone in (`SignInProgress.listening`), so a store
/// reports without the screen threading a callback through each backend's options, and a
/// sign-in from the command line, where nobody listens, reports to no one.
///
/// A listener hears the reports made on the thread that listens, only: the sign-in runs on it,
/// and another sign-in at the same time (another test, another thread) is not its own. (A
/// `@TaskLocal` did this first; its `withValue` outside any task crashed the release build's
/// login screen in `swift_task_localValuePush`.)
public struct SignInProgress: Sendable, Equatable {
    /// Children whose summaries are made so far.
    public var done: Int
    /// Children whose summaries this sign-in makes.
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }

    public typealias Listener = @Sendable (SignInProgress) -> Void

    /// The listeners, each with the thread it listens on.
    nonisolated(unsafe) private static var listeners: [(thread: pthread_t, listener: Listener)] = []
    private static let lock = NSLock()

    /// Runs `body` (a sign-in) with `listener` hearing the progress reported on this thread:
    /// called between batches, on this thread, so a screen can draw from it directly.
    public static func listening<T>(_ listener: @escaping Listener, during body: () throws -> T) rethrows -> T {
        let thread = pthread_self()
        lock.withLock { listeners.append((thread, listener)) }
        defer {
            lock.withLock {
                if let index = listeners.lastIndex(where: { pthread_equal($0.thread, thread) != 0 }) { listeners.remove(at: index) }
            }
        }
        return try body()
    }

    /// Tells this thread's listener, if any.
    public static func tell(done: Int, total: Int) {
        let thread = pthread_self()
        let listener = lock.withLock { listeners.last(where: { pthread_equal($0.thread, thread) != 0 })?.listener }
        listener?(SignInProgress(done: done, total: total))
    }

    /// The sign-in screen's line, the numbers grouped by thousands whatever the locale.
    public var words: String {
        "Preparing the caseload for this version: \(Self.grouped(done)) of \(Self.grouped(total)) children…"
    }

    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
