/// An optional value most records do not have, kept out of line: `nil` costs the owner one
/// word instead of the whole value's width. A child's summary carries its closure request
/// (168 bytes inline) and transition plan (48) for the few children that have them; boxed, the
/// 50,000 summaries of a caseload are 10 MB smaller (docs/benchmarks.md). Copies share the
/// box until one is changed, as an array's storage is shared.
@propertyWrapper
public struct Rare<Wrapped> {
    /// Never changed once made (a new value makes a new box), so sharing one is safe wherever
    /// the value itself may go (`Rare` is `Sendable` only when `Wrapped` is).
    private final class Box: @unchecked Sendable {
        let value: Wrapped
        init(_ value: Wrapped) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Wrapped?) {
        box = wrappedValue.map(Box.init)
    }

    public var wrappedValue: Wrapped? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }
}

extension Rare: Sendable where Wrapped: Sendable {}

extension Rare: Equatable where Wrapped: Equatable {
    public static func == (a: Rare, b: Rare) -> Bool { a.wrappedValue == b.wrappedValue }
}

/// Encoded as the optional itself, so a type's coded form does not change when a field is boxed.
extension Rare: Codable where Wrapped: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Wrapped.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A boxed optional whose key is absent decodes as nil, as the optional it boxes would.
    public func decode<Wrapped: Codable>(_ type: Rare<Wrapped>.Type, forKey key: Key) throws -> Rare<Wrapped> {
        Rare(wrappedValue: try decodeIfPresent(Wrapped.self, forKey: key))
    }
}
