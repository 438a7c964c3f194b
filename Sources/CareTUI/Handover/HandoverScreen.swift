import CareDomain
import Foundation
import TextUI

/// What the handover screen needs from the store for one shift.
public struct HandoverData: Sendable, Equatable {
    /// The shift's saved handover, with its acknowledgements.
    public var saved: HandoverState?
    /// The shift before's handover, for cards pinned there.
    public var previous: Handover?
    /// Contacts from 14 days back to the end of the shift (for the strip and the sparkline).
    public var contacts: [ContactStamp]

    public init(saved: HandoverState?, previous: Handover?, contacts: [ContactStamp]) {
        self.saved = saved
        self.previous = previous
        self.contacts = contacts
    }
}

/// The shift handover (after I-PASS): the outgoing shift's changes in numbers, a card per child
/// who needs one — severity, summary, actions with owners and times, if/then contingencies —
/// and the incoming worker's acknowledgement of each. On the office wall it shows read-only with
/// names masked.
public struct HandoverScreen: Sendable {
    public let id: Int
    public var window: ShiftWindow
    public var data: HandoverData?
    public var report: HandoverReport?
    /// The card with the cursor.
    public var selection = 0
    /// The first line shown of the cards.
    public var scroll = 0
    /// Read-only, for the wall: only quit and reveal work.
    public let wall: Bool

    init(id: Int, window: ShiftWindow, wall: Bool = false) {
        self.id = id
        self.window = window
        self.wall = wall
    }

    public var keyChain: KeyChain {
        wall ? KeyChain([.wall], unbound: .ignore, globalOnly: [])
            : KeyChain([.handover, .global], unbound: .ignore, globalOnly: [.lock, .redraw, .help, .toggleMask, .quit])
    }

    static let chains = [
        KeyChain([.handover, .global], unbound: .ignore, globalOnly: [.lock, .redraw, .help, .toggleMask, .quit]),
        KeyChain([.wall], unbound: .ignore, globalOnly: []),
    ]

    public var selectedCard: HandoverCard? {
        guard let cards = report?.cards, cards.indices.contains(selection) else { return nil }
        return cards[selection]
    }

    /// The handover as it would be saved: the saved one, or the proposed cards in a new one.
    func handover(worker: Worker) -> Handover? {
        guard let report else { return nil }
        if let saved = report.saved { return saved }
        return Handover(id: window.handoverID, shiftStart: window.start, shiftEnd: window.end, outgoing: [worker.id],
                        entries: report.cards.map(\.entry))
    }
}
