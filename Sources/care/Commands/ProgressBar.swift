import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error for work that takes a while (import, export, backup,
/// restore, report). It is drawn only when standard error is a terminal, and only once the work
/// has taken over a second, so a pipe, a log or a quick run gets none of it. It shows counts and
/// a bar, never anything read from a record, and it clears its line when the work ends.
final class ProgressBar {
    private let label: String
    private let started = Date()
    private let onTerminal: Bool
    private var drawn = false
    private var lastDrawn = Date.distantPast

    /// How long work runs before the bar appears.
    static let delay: TimeInterval = 1

    init(_ label: String, onTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.onTerminal = onTerminal
    }

    /// `done` of `total` (in rows, records or pages) are finished.
    func update(_ done: Int, of total: Int) {
        guard onTerminal else { return }
        let now = Date()
        guard now.timeIntervalSince(started) >= Self.delay, now.timeIntervalSince(lastDrawn) >= 0.1 || done >= total else { return }
        lastDrawn = now
        drawn = true
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let cells = 30
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        emit("\r\u{1B}[K\(label) \(bar) \(Int((fraction * 100).rounded(.down)))% (\(done) of \(total))")
    }

    /// A step of work counted in fractions (`CopyProgress`).
    func update(fraction: Double) {
        update(Int((fraction * 1000).rounded()), of: 1000)
    }

    /// Clears the bar's line, if one was drawn.
    func finish() {
        guard drawn else { return }
        emit("\r\u{1B}[K")
        drawn = false
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
