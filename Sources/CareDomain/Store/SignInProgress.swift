import Foundation

/// How far a sign-in has got with one-time work that takes long on a large store: today, making
/// the caseload summaries of a store made before them (`buildMissingSummaries` of either
/// backend), a batch of children at a time. Counts only: nothing about any child.
///
/// The sign-in screen listens while it signs someone in (`SignInProgress.$report`), so a store
/// reports without the screen threading a callback through each backend's options, and a
/// sign-in from the command line, where nobody listens, reports to no one.
public struct SignInProgress: Sendable, Equatable {
    /// Children whose summaries are made so far.
    public var done: Int
    /// Children whose summaries this sign-in makes.
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }

    /// Who hears the progress of a sign-in run inside `$report.withValue`: called on the
    /// signing-in thread between batches, so a screen can draw from it directly.
    @TaskLocal public static var report: (@Sendable (SignInProgress) -> Void)?

    /// Tells the listener, if any.
    public static func tell(done: Int, total: Int) {
        report?(SignInProgress(done: done, total: total))
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
