import CareDomain
import TextUI

/// A screen over the dashboard that owns itself, after lazygit's controllers: its key chain, what
/// its commands do and why each is off now, the typing it takes, the store answers it asked for
/// (routed back to it by its id), its scroll state, and how it draws. `Update` only routes to it:
/// adding a screen is one file that conforms, plus its default keys and the place that opens it.
///
/// Every method but `id`, `keyChain` and `render` has a default, so a screen says only what it does.
public protocol ScreenController: Sendable {
    /// Unique for the session (`ScreenContext.newID()`): store answers come back to it by this id.
    var id: Int { get }
    /// The contexts a key passes through while this screen is in front, front first.
    var keyChain: KeyChain { get }

    /// The key-hint line while this screen is in front, most useful first.
    func hints(_ env: ScreenEnvironment) -> [ScreenHint]
    /// Why `command` (of one of this screen's own contexts) is off now, in words; nil when it works.
    func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String?

    /// A command bound in one of this screen's contexts (or its chain's fallback).
    mutating func handle(_ command: Command, _ ctx: inout ScreenContext)
    /// A key the chain types into this screen (its field, its filter).
    mutating func type(_ key: Key, _ ctx: inout ScreenContext)
    /// Characters that arrived together, typed as one insertion; false when this screen takes
    /// them key by key (a choice, a list that moves on letters).
    mutating func typeText(_ text: String, _ ctx: inout ScreenContext) -> Bool
    /// Text pasted in one piece: into the field in front whole, never as keys.
    mutating func paste(_ text: String, _ ctx: inout ScreenContext)
    /// Keys that go to this screen before any key map (a passphrase): true when it took the key.
    mutating func rawKey(_ key: Key, _ ctx: inout ScreenContext) -> Bool
    /// The store's answer to an effect this screen asked for.
    mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext)
    /// The caseload changed under the screen: a save of this session (`saved`) or other sessions'
    /// changes (`nil`). A screen that shows data read apart from the snapshot reads it again.
    mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext)
    /// Another session saved a person of interest, a place of concern, a link or a lead (the
    /// change feed named one). A screen showing investigation records reads them again.
    mutating func investigationChanged(_ ctx: inout ScreenContext)
    /// A new minute began (the wall follows the shift).
    mutating func minutePassed(_ ctx: inout ScreenContext)
    /// A turn of the loop on the wall, where nobody presses a key: its pages turn by the clock.
    mutating func clockTicked(_ ctx: inout ScreenContext)
    /// The screen was just put in front (a form restores its draft here).
    mutating func opened(_ ctx: inout ScreenContext)
    /// What the screen would keep as a draft if it closed now without saving (the lock, a
    /// hang-up, quitting); nil when it holds nothing typed.
    func draft(_ env: ScreenEnvironment) -> Draft?

    /// Draws the screen over the body `area` (between the top line and the key-hint line) of a
    /// `screen` of the whole terminal; records the rows it showed in its own scroll state; returns
    /// where the terminal cursor goes.
    mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point?

    /// Whether closing the screen now would lose something typed.
    var holdsUnsavedInput: Bool { get }
    /// Whether the screen stays behind the lock (a form with what was typed) or goes (a record read).
    var staysBehindLock: Bool { get }
    /// Whether typing goes into this screen as one insertion (`typeText`) where it would be typed.
    var takesText: Bool { get }
    /// Whether a person may still be typing when the screen closes (a form, a question, a
    /// picker's filter): then the settle window opens, and letters typed on are not commands.
    /// A reader or help closed with Esc leaves no typing running on.
    var typingRunsOnAfterClose: Bool { get }
}

extension ScreenController {
    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] { [] }
    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? { nil }
    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {}
    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {}
    public mutating func typeText(_ text: String, _ ctx: inout ScreenContext) -> Bool { false }
    public mutating func paste(_ text: String, _ ctx: inout ScreenContext) {}
    public mutating func rawKey(_ key: Key, _ ctx: inout ScreenContext) -> Bool { false }
    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        if let words = answer.failureWords { ctx.say(words) }
    }
    public mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext) {}
    public mutating func investigationChanged(_ ctx: inout ScreenContext) {}
    public mutating func minutePassed(_ ctx: inout ScreenContext) {}
    public mutating func clockTicked(_ ctx: inout ScreenContext) {}
    public mutating func opened(_ ctx: inout ScreenContext) {}
    public func draft(_ env: ScreenEnvironment) -> Draft? { nil }
    public var holdsUnsavedInput: Bool { false }
    public var staysBehindLock: Bool { false }
    public var takesText: Bool { false }
    public var typingRunsOnAfterClose: Bool { takesText }
}

/// One entry of the key-hint line: a command, whose key comes from the keymap (never written out
/// by hand) and which greys with its screen's reason, or a fixed pair for keys no map binds
/// ("type", "↑↓").
public enum ScreenHint: Sendable, Equatable {
    case command(Command, String)
    case fixed(key: String, label: String)
}
