import CareDomain
import Foundation
import Testing
@testable import CareStore

/// A summary's dates are three integers each (`SummaryCodec`), and a date is held in one 32-bit
/// word (`DayDate`): integers out of a date's range, as damaged bytes could give, decode to a
/// date clamped to that range, still no real date, and never stop the caseload opening.
@Suite struct SummaryDamagedDateTests {
    /// A signed integer as the summary writes it: zigzag, then LEB128.
    func varint(_ value: Int) -> [UInt8] {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        var bytes: [UInt8] = []
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    @Test func aBirthDateOutOfRangeDecodesClampedAndStaysImpossible() throws {
        var child = Samples.child()
        child.birth = .exact(DayDate(year: 1987, month: 11, day: 29))
        let entry = CaseloadEntry.team(child: child, episodes: [], indicators: [], plan: nil, referrals: [], appointments: [], lastContact: nil)
        let bytes = [UInt8](SummaryCodec.encode(entry))
        // The exact birth's tag, then its year, month and day.
        let written: [UInt8] = [0] + varint(1987) + varint(11) + varint(29)
        let found = (0...(bytes.count - written.count)).filter { Array(bytes[$0..<($0 + written.count)]) == written }
        #expect(found.count == 1, "the birth date is found once in the bytes")
        let at = try #require(found.first)

        for (year, month, day, clamped) in [(Int.max, 200, -7, DayDate(year: 2_097_151, month: 15, day: 0)),
                                            (Int.min, -1, Int.max, DayDate(year: -2_097_152, month: 0, day: 63)),
                                            (2026, 13, 32, DayDate(year: 2026, month: 13, day: 32))] {
            var damaged = bytes
            damaged.replaceSubrange(at..<(at + written.count), with: [0] + varint(year) + varint(month) + varint(day))
            let decoded = try #require(try SummaryCodec.decode(Data(damaged)).child)
            #expect(decoded.birth == .exact(clamped))
            #expect(DayDate(iso: clamped.description) == nil, "\(clamped) reads as a real date")
            #expect(decoded.legalName == child.legalName && decoded.openedOn == child.openedOn, "the fields after the date read as written")
        }
    }
}
