import Foundation

/// The hostile-text fixture (`hostile-text.json` beside this file), for the dashboard's and the
/// end-to-end tests alike (the `CareTestFixtures` target): escape sequences, C1 controls, bidi and zero-width characters, combining stacks, RTL
/// text, NUL, bytes that are not UTF-8 and a 100,000-character line.
public struct HostileCorpus: Sendable {
    public struct Entry: Decodable, Sendable {
        public let name: String
        public let text: String?
        public let base64: String?
        public let `repeat`: String?
        public let length: Int?

        /// The bytes a terminal would send for it.
        public var bytes: [UInt8] {
            if let base64, let data = Data(base64Encoded: base64) { return Array(data) }
            return Array(string.utf8)
        }

        /// As text: bytes that are not UTF-8 dropped, as the paste reader drops them.
        public var string: String {
            if let text { return text }
            if let `repeat`, let length {
                let copies = String(repeating: `repeat`, count: length / max(1, `repeat`.count) + 1)
                return String(copies.prefix(length))
            }
            if let base64, let data = Data(base64Encoded: base64) {
                return String(decoding: data.filter { $0 < 0x80 }, as: UTF8.self)
            }
            return ""
        }

        public var isLong: Bool { (length ?? 0) > 1_000 }
    }

    public let entries: [Entry]

    public static let shared: HostileCorpus = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("hostile-text.json")
        struct File: Decodable { let entries: [Entry] }
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else {
            return HostileCorpus(entries: [])
        }
        return HostileCorpus(entries: file.entries)
    }()

    /// Every entry but the long line, which a field's limit refuses whole.
    public var short: [Entry] { entries.filter { !$0.isLong } }
    public var long: Entry? { entries.first(where: \.isLong) }
}
