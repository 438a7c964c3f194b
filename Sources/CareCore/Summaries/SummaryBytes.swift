import CareDomain
import Foundation

/// The plain bytes of a sealed summary: values one after another in a fixed order, no keys and
/// no tags. Integers are LEB128 varints (zigzag for signed), text is a varint length and its UTF-8
/// bytes, a time is the 8 bytes of the `Double` a `Date` holds (seconds since 2001, so every date
/// comes back equal, fractions of a second included), an optional is a 0/1 byte in front.
/// Chosen over JSON and Foundation's binary property list by measurement (`care bench --codecs`,
/// figures in docs/benchmarks.md): decoding a summary is reading it front to back once, with no
/// keyed container to search.
struct SummaryWriter {
    private(set) var bytes: [UInt8] = []

    init(version: UInt8) { bytes.append(version) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func int(_ value: Int) { unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func time(_ value: Date) {
        withUnsafeBytes(of: value.timeIntervalSinceReferenceDate.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout SummaryWriter, Value) -> Void) {
        guard let value else { return bool(false) }
        bool(true)
        write(&self, value)
    }

    mutating func list<Value>(_ values: [Value], _ write: (inout SummaryWriter, Value) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }
}

/// Reads what `SummaryWriter` wrote, in the same order; anything short or out of range is
/// `SummaryBytes.Damaged` (the store names the summary as not opening and reads the records).
struct SummaryReader {
    private let bytes: [UInt8]
    private var offset = 0
    /// Shares repeated text with the summaries decoded before this one (ids are not text: `id()`).
    var interner = TextInterner()

    /// The format the bytes were written in, one of those the reader was given.
    private(set) var version: UInt8 = 0

    init(_ data: Data, versions: ClosedRange<UInt8>) throws {
        bytes = [UInt8](data)
        version = try byte()
        guard versions.contains(version) else { throw SummaryBytes.Damaged() }
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw SummaryBytes.Damaged() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw SummaryBytes.Damaged() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let raw = try unsigned()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func count() throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw SummaryBytes.Damaged() }
        return Int(value)
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw SummaryBytes.Damaged()
        }
    }

    mutating func text() throws -> String {
        let length = try count()
        defer { offset += length }
        return bytes.withUnsafeBufferPointer { buffer in
            interner.text(UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]))
        }
    }

    /// An id, straight from its bytes: a UUID's text becomes its 128 bits with no string made.
    mutating func id<Tag>() throws -> RecordID<Tag> {
        let length = try count()
        defer { offset += length }
        return bytes.withUnsafeBufferPointer { buffer in
            RecordID(utf8: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]))
        }
    }

    /// Reads past a text without making a string of it.
    mutating func skipText() throws {
        offset += try count()
    }

    /// Reads past a list, each element by `skip`.
    mutating func skipList(_ skip: (inout SummaryReader) throws -> Void) throws {
        for _ in 0..<(try count()) { try skip(&self) }
    }

    mutating func time() throws -> Date {
        guard bytes.count - offset >= 8 else { throw SummaryBytes.Damaged() }
        var raw: UInt64 = 0
        for index in 0..<8 { raw |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Date(timeIntervalSinceReferenceDate: Double(bitPattern: raw))
    }

    mutating func optional<Value>(_ read: (inout SummaryReader) throws -> Value) throws -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func list<Value>(_ read: (inout SummaryReader) throws -> Value) throws -> [Value] {
        let count = try count()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    /// A list as `list` reads it, shared with an earlier one read from the same bytes
    /// (`ListInterner`, one of the interner's).
    mutating func sharedList<Value>(
        _ kept: WritableKeyPath<TextInterner, ListInterner<Value>>, _ read: (inout SummaryReader) throws -> Value
    ) throws -> [Value] {
        let start = offset
        let decoded = try list(read)
        let end = offset
        return bytes.withUnsafeBufferPointer { buffer in
            interner[keyPath: kept].list(decoded, from: UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }

    /// A value of a `String` raw-valued enum.
    mutating func raw<Value: RawRepresentable>(_ type: Value.Type) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try text()) else { throw SummaryBytes.Damaged() }
        return value
    }
}

package enum SummaryBytes {
    /// The bytes end early, or hold a value no writer writes.
    package struct Damaged: Error {
        package init() {}
    }
}
