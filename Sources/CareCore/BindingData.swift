import Crypto
import Foundation

/// Bytes that name a list of values without ambiguity: a label, then every value with its
/// length in front (a missing value has a marker of its own), so no two different lists encode
/// alike — an id holding "|" cannot pass for two fields. The associated data of every seal, the
/// message of every HMAC and every row hash is built this way.
package struct BindingData {
    /// Built in a plain byte array (every seal opened at load builds one, so no `Data` per field).
    private var buffer: [UInt8] = []

    package init(_ label: String) {
        buffer.reserveCapacity(160)
        text(label)
    }

    package var bytes: Data { Data(buffer) }

    /// How many bytes are held (since the last `flush`).
    package var count: Int { buffer.count }

    /// Feeds the bytes held so far to `hmac` and lets them go, so a long list is authenticated
    /// without being held whole: the bytes fed are the same as `bytes` would have been.
    package mutating func flush(into hmac: inout HMAC<SHA256>) {
        hmac.update(data: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The SHA-256 of these bytes followed by `blob(value)`, with the blob's bytes hashed where
    /// they lie: a row's hash is taken of every summary read at open, and copying each payload
    /// into the list (and the list into a `Data`) was most of its cost.
    package func sha256(endingWithBlob value: Data) -> Data {
        var hasher = SHA256()
        // The blob's length hashed after the bytes held, not appended to a copy of them.
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: UInt32(value.count).bigEndian) { hasher.update(bufferPointer: $0) }
        value.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Data(hasher.finalize())
    }

    package mutating func text(_ value: String?) {
        guard var value else { return missing() }
        value.withUTF8 { utf8 in
            length(utf8.count)
            buffer.append(contentsOf: utf8)
        }
    }

    package mutating func blob(_ value: Data?) {
        guard let value else { return missing() }
        length(value.count)
        buffer.append(contentsOf: value)
    }

    package mutating func integer(_ value: Int64) { fixed(UInt64(bitPattern: value)) }

    /// A time as SQLite keeps it (seconds since 1970), bit for bit.
    package mutating func time(_ value: Double?) {
        guard let value else { return missing() }
        fixed(value.bitPattern)
    }

    /// Eight bytes, big-endian, behind their length.
    private mutating func fixed(_ value: UInt64) {
        length(8)
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func length(_ count: Int) {
        withUnsafeBytes(of: UInt32(count).bigEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func missing() {
        buffer.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
    }
}
