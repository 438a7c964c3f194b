import Foundation

/// Lists that repeat across a caseload's summaries, kept once and shared: a child's languages
/// and Indigenous affiliations are a few dozen distinct lists among tens of thousands of
/// children, and each decoded copy was an array of its own (80–150 bytes with its header; about
/// 9 MB at 50,000 children). A list is shared only with one decoded from the same bytes, so what
/// it holds is exactly what decoding gives; an array is a value, so sharing it changes nothing a
/// holder can see.
///
/// Kept in the decoding thread's `TextInterner`, so it lasts as long as that does. It holds at
/// most `limit` lists, so a caseload of unique lists cannot make it grow without bound.
package struct ListInterner<Value> {
    package static var limit: Int { 512 }

    private var kept: [UInt64: (bytes: [UInt8], list: [Value])] = [:]

    package init() {}

    /// `decoded`, or an earlier list decoded from the same `bytes`.
    package mutating func list(_ decoded: [Value], from bytes: UnsafeBufferPointer<UInt8>) -> [Value] {
        // An empty array holds no storage of its own.
        guard !decoded.isEmpty else { return decoded }
        let key = TextInterner.hash(bytes)
        if let earlier = kept[key], earlier.bytes.elementsEqual(bytes) { return earlier.list }
        if kept.count < Self.limit { kept[key] = (Array(bytes), decoded) }
        return decoded
    }
}
