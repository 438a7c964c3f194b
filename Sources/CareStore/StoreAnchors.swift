import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The head of a store's audit trail as this machine last saw it.
public struct StoreAnchor: Sendable, Equatable {
    public var sequence: Int64
    public var hash: Data

    public init(sequence: Int64, hash: Data) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// What this machine remembers of each store's audit trail: one line per store and place with
/// the last head seen, and one per store id with its authority key (`$XDG_STATE_HOME/care/anchors`,
/// mode 0600). A store whose trail is found behind that head — an older copy put back, or a cut
/// trail under a head saved earlier — is named when it is opened, which the store's own keyed
/// head cannot do.
///
/// A head is kept per place (the store id and the file's path, symlinks resolved): a copy of the
/// store elsewhere — a backup a supervisor checks — is older than the store by nature, and
/// checking it (which writes its sign-in into the copy) must neither name it as put back nor move
/// the store's own anchor past the store. A copy put back in the store's place is compared with
/// what was seen there. The authority key is kept per store id: a copy anywhere must hold the key
/// the store was first seen with.
public struct AnchorBook: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The default place: `$XDG_STATE_HOME/care/anchors` (XDG default `~/.local/state`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> AnchorBook {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return AnchorBook(path: state + "/care/anchors")
    }

    /// The head last seen of the store `storeID` at `path`.
    public func anchor(storeID: String, path: String) -> StoreAnchor? {
        read()[Self.headKey(storeID: storeID, path: path)]?.anchor
    }

    /// One line's key for a head: the store id and its place (no spaces or line breaks: the
    /// book is one line per entry, fields split at spaces).
    static func headKey(storeID: String, path: String) -> String {
        let place = URL(fileURLWithPath: StoreLocation(path: path).path).resolvingSymlinksInPath().path
        return storeID + "@" + (place.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? place)
    }

    /// The unit authority's public key this machine saw first for the store (as SSH keeps a
    /// host key): a store later holding another is refused in words.
    public func authority(storeID: String) -> Data? {
        read()[storeID]?.authority
    }

    /// Records `anchor` as the head last seen for the store. A store found behind its anchor was
    /// named when it was opened (in words and in its trail); from then on its own head counts.
    public func remember(storeID: String, path: String, _ anchor: StoreAnchor) throws {
        let key = Self.headKey(storeID: storeID, path: path)
        try update { entries in entries[key, default: Entry()].anchor = anchor }
    }

    /// Keeps the store's authority key, the first time it is seen only.
    public func rememberAuthority(storeID: String, _ key: Data) throws {
        try update { entries in
            if entries[storeID]?.authority == nil { entries[storeID, default: Entry()].authority = key }
        }
    }

    /// One store's line: its last head and its authority key.
    struct Entry {
        var anchor: StoreAnchor?
        var authority: Data?
    }

    private func update(_ change: (inout [String: Entry]) -> Void) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // One writer at a time across processes; the lock file sits beside the book.
        let lock = open(path + ".lock", O_CREAT | O_RDWR, 0o600)
        guard lock >= 0 else { throw StoreError.invalid("Cannot write \(path).lock") }
        defer { close(lock) }
        _ = flock(lock, LOCK_EX)
        var entries = read()
        change(&entries)
        let text: String = entries.keys.sorted().map { id in
            let entry = entries[id]!
            let anchor = entry.anchor ?? StoreAnchor(sequence: 0, hash: Data())
            var line = "\(id) \(anchor.sequence) \(Self.hex(anchor.hash))"
            if let authority = entry.authority { line += " \(Self.hex(authority))" }
            return line + "\n"
        }.joined()
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.invalid("Cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else { throw StoreError.invalid("Cannot replace \(path)") }
    }

    private func read() -> [String: Entry] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3 || fields.count == 4, let sequence = Int64(fields[1]), let hash = Self.bytes(hex: fields[2]) else { continue }
            var entry = Entry(anchor: sequence == 0 && hash.isEmpty ? nil : StoreAnchor(sequence: sequence, hash: hash))
            if fields.count == 4 { entry.authority = Self.bytes(hex: fields[3]) }
            entries[String(fields[0])] = entry
        }
        return entries
    }

    private static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    private static func bytes(hex: Substring) -> Data? {
        guard hex.count % 2 == 0 else { return nil }
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            data.append(byte)
            index = next
        }
        return data
    }
}
