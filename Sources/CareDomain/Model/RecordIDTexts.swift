import Foundation

/// The ids that are not a UUID's lower-case text, each kept once for the life of the process and
/// named by its place: what lets every `RecordID` be two words with nothing to retain. Ids care
/// makes are UUIDs; only fixed ones (the standard catalogue's "standard-1"), ids in tests and ids
/// brought in from elsewhere land here, a few per store, so the table is never emptied. Ids
/// carry no meaning (they are stored in clear), so keeping them does not keep anything about a
/// child.
final class RecordIDTexts: @unchecked Sendable {
    static let shared = RecordIDTexts()

    /// A `RecordID`'s high word when its low word is a place here. The UUIDs whose first 64 bits
    /// are all ones ("ffffffff-ffff-ffff-…", one in 2^64 random ids) are kept here too.
    static let marker = UInt64.max

    // Every access holds the lock: the decoders add ids from every core at once.
    private let lock = NSLock()
    private var texts: [String] = []
    /// Keyed by the text's bytes, not by `String`, whose equality is Unicode's (a KELVIN SIGN
    /// equals a "K"): an id is the bytes the store keeps and finds it by.
    private var places: [[UInt8]: UInt64] = [:]

    /// The place of `text`, added when it is new.
    func place(of text: String) -> UInt64 {
        let bytes = Array(text.utf8)
        lock.lock()
        defer { lock.unlock() }
        if let place = places[bytes] { return place }
        let place = UInt64(texts.count)
        texts.append(text)
        places[bytes] = place
        return place
    }

    /// The text at `place`.
    func text(at place: UInt64) -> String {
        lock.lock()
        defer { lock.unlock() }
        return texts[Int(place)]
    }
}
