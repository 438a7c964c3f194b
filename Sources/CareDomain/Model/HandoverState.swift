import Foundation

/// A saved handover with the acknowledgements its cards have received so far.
public struct HandoverState: Sendable, Equatable {
    public var handover: Handover
    /// Oldest first.
    public var acknowledgements: [HandoverAcknowledgement]

    public init(handover: Handover, acknowledgements: [HandoverAcknowledgement]) {
        self.handover = handover
        self.acknowledgements = acknowledgements
    }

    /// The acknowledgements of one child's card.
    public func acknowledgements(of child: ChildID) -> [HandoverAcknowledgement] {
        acknowledgements.filter { $0.child == child }
    }

    /// Cards nobody has acknowledged yet.
    public var waiting: [Handover.Entry] {
        let acknowledged = Set(acknowledgements.map(\.child))
        return handover.entries.filter { !acknowledged.contains($0.child) }
    }
}
