import Foundation

/// Where "now" comes from. Rules, the store and the UI take one so tests can fix the time.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real time.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always says the same instant; for tests and the deterministic demo generator.
public struct FixedClock: WallClock {
    public var instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}
