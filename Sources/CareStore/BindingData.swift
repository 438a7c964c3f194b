import Foundation

/// Bytes that name a list of values without ambiguity: a label, then every value with its
/// length in front (a missing value has a marker of its own), so no two different lists encode
/// alike — an id holding "|" cannot pass for two fields. The associated data of every seal, the
/// message of every HMAC and every row hash is built this way.
struct BindingData {
    private(set) var bytes = Data()

    init(_ label: String) { text(label) }

    mutating func text(_ value: String?) { blob(value.map { Data($0.utf8) }) }

    mutating func blob(_ value: Data?) {
        guard let value else {
            bytes.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
            return
        }
        bytes.append(contentsOf: withUnsafeBytes(of: UInt32(value.count).bigEndian) { Array($0) })
        bytes.append(value)
    }

    mutating func integer(_ value: Int64) { blob(withUnsafeBytes(of: value.bigEndian) { Data($0) }) }

    /// A time as SQLite keeps it (seconds since 1970), bit for bit.
    mutating func time(_ value: Double?) { blob(value.map { withUnsafeBytes(of: $0.bitPattern.bigEndian) { Data($0) } }) }
}
