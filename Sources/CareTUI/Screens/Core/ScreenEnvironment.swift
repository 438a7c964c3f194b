import CareDomain
import Foundation
import TextUI

/// Who is signed in and where, and what the app was started with: what every screen may read and
/// no screen changes.
public struct Session: Sendable {
    public let worker: Worker
    public let unit: UnitInfo
    public let keymap: Keymap
    public let settings: AppSettings
    public let now: Date
    public let screenSize: Size
    /// On the office wall: read-only, masked.
    public let wall: Bool

    public var zone: TimeZone { unit.timeZone }
    public var role: Role { worker.role }
    public var today: DayDate { DayDate(now, in: unit.timeZone) }
}

/// What a screen reads: the session and the dashboard (the caseload snapshot, names as the screen
/// may show them, the selection). A narrow, read-only view: a screen changes the app only through
/// its `ScreenContext`.
@dynamicMemberLookup
public struct ScreenEnvironment: Sendable {
    public let session: Session
    public let dashboard: Dashboard

    public subscript<T>(dynamicMember path: KeyPath<Session, T>) -> T { session[keyPath: path] }

    public var masked: Bool { dashboard.masked }
    public var snapshot: CaseloadSnapshot { dashboard.snapshot }

    /// A child's name as this screen may show it: initials and case number when masked.
    public func name(of child: ChildSummary) -> String { dashboard.name(of: child) }
    public func name(ofChild id: ChildID?) -> String { dashboard.name(ofChild: id) }

    /// What a form is checked and built against.
    var formContext: FormContext { FormContext(session, dashboard) }
}

/// What a screen asks of the app while it handles a key or an answer: effects for the store, screens
/// to push, itself closed, a line of words, and the few app-wide changes a screen may request.
public struct ScreenOutcome: Sendable {
    var effects: [Effect] = []
    var pushed: [any ScreenController] = []
    var closes = false
    var message: String?
    var requests: [AppRequest] = []
    /// The next free screen id (`ScreenContext.newID`).
    var nextID: Int
}

/// App-wide changes a screen may ask for; `Update` carries them out after the screen returns.
public enum AppRequest: Sendable, Equatable {
    /// Go to the child's record on the dashboard (clearing a filter that hides them).
    case goToChild(ChildID)
    /// Close the screen with this id (a question that discards a form).
    case closeScreen(Int)
    case setMasked(Bool)
    /// Takes the words off the status line (the wall's notice, after it has shown a while).
    case clearMessage
    case quit
    /// Another referral queue view.
    case showReferrals(ReferralQueue.View)
    /// Run a command as its key would on the screen then in front (the palette, once closed).
    case run(Command, KeyContext)
}

/// The channel a controller answers through. Shared by the screens over the dashboard
/// (`ScreenContext`) and the dashboard's panes (`PaneContext`).
public protocol ScreenAsking {
    var outcome: ScreenOutcome { get set }
}

extension ScreenAsking {
    /// Asks the loop to run store effects; their answers come back by this screen's id.
    public mutating func ask(_ effects: Effect...) { outcome.effects += effects }
    public mutating func ask(_ effects: [Effect]) { outcome.effects += effects }
    /// Puts a screen in front.
    public mutating func push(_ screen: any ScreenController) { outcome.pushed.append(screen) }
    /// Closes the screen that is handling (it is not put back).
    public mutating func close() { outcome.closes = true }
    /// One line of words on the status line, until the next key.
    public mutating func say(_ words: String?) { outcome.message = words }
    public mutating func request(_ request: AppRequest) { outcome.requests.append(request) }
    /// An id for a screen this one opens.
    public mutating func newID() -> Int {
        defer { outcome.nextID += 1 }
        return outcome.nextID
    }
    /// Says a reason as a sentence ("Select a child first.").
    public mutating func refuse(_ reason: String) { say(ReasonWords.sentence(reason)) }
}

/// What a screen over the dashboard gets while it handles something.
public struct ScreenContext: ScreenAsking, Sendable {
    public let env: ScreenEnvironment
    public var outcome: ScreenOutcome
}

/// What a dashboard pane gets: the session (the dashboard itself comes `inout`, apart, so a key
/// that moves the selection never copies the caseload).
public struct PaneContext: ScreenAsking, Sendable {
    public let session: Session
    public var outcome: ScreenOutcome
}

/// Reasons as sentences for the status line.
public enum ReasonWords {
    public static func sentence(_ reason: String) -> String {
        reason.prefix(1).uppercased() + reason.dropFirst() + (reason.hasSuffix(".") ? "" : ".")
    }
}
