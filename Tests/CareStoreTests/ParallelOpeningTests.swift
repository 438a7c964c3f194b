import Crypto
import Foundation
import Testing
@testable import CareStore

/// Opening many rows on every core keeps their order and reports the first failure in row order.
@Suite struct ParallelOpeningTests {
    struct Broken: Error, Equatable { let row: Int }

    @Test func manyRowsComeBackInTheirOrder() throws {
        let rows = Array(0..<5_000)
        let opened = try ParallelOpening.map(rows, decoder: RecordCoding.decoder()) { row, _ in row * 2 }
        #expect(opened == rows.map { $0 * 2 })
    }

    @Test func theFirstBrokenRowInOrderIsReported() {
        let rows = Array(0..<5_000)
        #expect(throws: Broken(row: 1_200)) {
            try ParallelOpening.map(rows, decoder: RecordCoding.decoder()) { row, _ in
                if row == 1_200 || row == 4_000 { throw Broken(row: row) }
                return row
            }
        }
    }

    @Test func everyRowsOutcomeIsKeptInOrder() {
        let rows = Array(0..<3_000)
        let outcomes = ParallelOpening.results(rows, decoder: RecordCoding.decoder()) { row, _ in
            if row % 1_000 == 7 { throw Broken(row: row) }
            return row
        }
        #expect(outcomes.count == rows.count)
        let broken = outcomes.indices.filter { if case .failure = outcomes[$0] { true } else { false } }
        #expect(broken == [7, 1_007, 2_007])
        #expect((try? outcomes[8].get()) == 8)
    }
}

/// The associated data every seal binds is a stored format: its bytes must never change.
@Suite struct BindingDataTests {
    @Test func fieldsEncodeAsLengthPrefixedBytes() {
        var binding = BindingData("L")
        binding.text("ab")
        binding.text(nil)
        binding.integer(1)
        binding.time(0.5)
        binding.time(nil)
        binding.blob(Data([7]))
        let expected: [UInt8] = [0, 0, 0, 1, 0x4C,
                                 0, 0, 0, 2, 0x61, 0x62,
                                 0xFF, 0xFF, 0xFF, 0xFF,
                                 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1,
                                 0, 0, 0, 8, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0,
                                 0xFF, 0xFF, 0xFF, 0xFF,
                                 0, 0, 0, 1, 7]
        #expect(binding.bytes == Data(expected))
    }

    /// A row's hash is kept in the audit trail: hashing the payload where it lies must give the
    /// hash of the whole list of bytes, blob included, for empty and long payloads alike.
    @Test func theHashEndingWithABlobIsTheHashOfTheWholeList() {
        for size in [0, 1, 55, 64, 4_097] {
            let payload = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            var head = BindingData("care/v2/row-hash")
            head.text("contact")
            head.integer(Int64(size))
            var whole = head
            whole.blob(payload)
            #expect(head.sha256(endingWithBlob: payload) == Data(SHA256.hash(data: whole.bytes)), "\(size) bytes")
        }
    }
}
