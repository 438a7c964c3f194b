import Foundation
import Testing
import TextUI

/// Asking a quiet terminal where its cursor is, and counting the link gone when it does not
/// answer for the limit — only for a terminal that answered before.
@Suite struct LinkWatchTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    /// A watch whose terminal answered the query at start.
    func answeredAtStart(limit: TimeInterval = 300) -> LinkWatch {
        var watch = LinkWatch(silenceLimit: limit, now: start)
        let asked1 = watch.askNow(at: start)
        #expect(asked1)
        watch.heard(.reply(.cursorPosition(row: 1, column: 1)), at: start)
        return watch
    }

    @Test func aQuietTerminalIsAskedOnceAMinuteAtMost() {
        var watch = answeredAtStart()
        let asked2 = watch.shouldAsk(at: at(59))
        #expect(!asked2)
        #expect(watch.nextDue(at: at(59), afterSilence: 600) == at(60))
        let asked3 = watch.shouldAsk(at: at(60))
        #expect(asked3)
        let asked4 = watch.shouldAsk(at: at(61))
        #expect(!asked4, "one query outstanding at a time")
        watch.heard(.reply(.cursorPosition(row: 3, column: 4)), at: at(62))
        #expect(watch.askedAt == nil)
        let asked5 = watch.shouldAsk(at: at(121))
        #expect(!asked5)
        let asked6 = watch.shouldAsk(at: at(122))
        #expect(asked6)
    }

    @Test func aKeyShowsTheLinkIsThereAsAnAnswerDoes() {
        var watch = answeredAtStart()
        let asked7 = watch.shouldAsk(at: at(60))
        #expect(asked7)
        watch.heard(.key(.char("j")), at: at(100))
        #expect(watch.silentSince(at: at(1_000)) == nil)
        let asked8 = watch.shouldAsk(at: at(159))
        #expect(!asked8)
    }

    @Test func aSignalOnThisHostIsNotTheTerminal() {
        var watch = answeredAtStart()
        let asked9 = watch.shouldAsk(at: at(60))
        #expect(asked9)
        watch.heard(.interrupt, at: at(100))
        #expect(watch.askedAt == at(60))
    }

    @Test func aQueryUnansweredForTheLimitMeansTheLinkIsGone() {
        var watch = answeredAtStart(limit: 300)
        let asked10 = watch.shouldAsk(at: at(60))
        #expect(asked10)
        #expect(watch.silentSince(at: at(359)) == nil)
        #expect(watch.nextDue(at: at(359), afterSilence: 600) == at(360))
        #expect(watch.silentSince(at: at(360)) == at(360))
        #expect(watch.nextDue(at: at(360), afterSilence: 600) == at(960), "then the idle lock's time to the end")
    }

    @Test func aTerminalThatNeverAnsweredSaysNothingBySilence() {
        var watch = LinkWatch(silenceLimit: 300, now: start)
        let asked11 = watch.askNow(at: start)
        #expect(asked11)
        #expect(watch.silentSince(at: at(10_000)) == nil)
        #expect(watch.nextDue(at: at(10), afterSilence: 600) == nil, "nothing to wake for")
    }

    @Test func noLimitNoQueries() {
        var watch = LinkWatch(silenceLimit: nil, now: start)
        let asked12 = watch.askNow(at: start)
        #expect(!asked12)
        let askedLater = watch.shouldAsk(at: at(10_000))
        #expect(!askedLater)
        #expect(watch.nextDue(at: at(10), afterSilence: 600) == nil)
    }
}
