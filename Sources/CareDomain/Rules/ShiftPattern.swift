import Foundation

/// When a unit's shifts start, as clock times in the unit's zone (07:00 and 19:00 by default;
/// `[shifts] starts = ["07:00", "15:00", "23:00"]` in config for three). Every shift runs to the
/// next start.
public struct ShiftPattern: Sendable, Equatable {
    /// Minutes after midnight, sorted, at least one.
    public let starts: [Int]

    public init(starts: [Int]) {
        let cleaned = Array(Set(starts.map { (($0 % 1_440) + 1_440) % 1_440 })).sorted()
        self.starts = cleaned.isEmpty ? [7 * 60, 19 * 60] : cleaned
    }

    /// Day 07:00–19:00 and night 19:00–07:00.
    public static let standard = ShiftPattern(starts: [7 * 60, 19 * 60])

    /// "07:00" → 420; nil when not a clock time.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// The shift `moment` falls in.
    public func shift(containing moment: Date, zone: TimeZone) -> ShiftWindow {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let midnight = calendar.startOfDay(for: moment)
        // Candidate starts yesterday, today and tomorrow; the last one at or before the moment.
        var candidates: [Date] = []
        for day in -1...1 {
            guard let base = calendar.date(byAdding: .day, value: day, to: midnight) else { continue }
            for start in starts {
                if let date = calendar.date(bySettingHour: start / 60, minute: start % 60, second: 0, of: base) { candidates.append(date) }
            }
        }
        candidates.sort()
        let index = candidates.lastIndex { $0 <= moment } ?? 0
        let start = candidates[index]
        let end = index + 1 < candidates.count ? candidates[index + 1] : start.addingTimeInterval(12 * 3_600)
        return ShiftWindow(start: start, end: end, zone: zone, pattern: self)
    }
}

/// One shift: from a start to the next.
public struct ShiftWindow: Sendable, Equatable, Hashable {
    public var start: Date
    public var end: Date
    let zone: TimeZone
    let pattern: ShiftPattern

    public static func == (a: ShiftWindow, b: ShiftWindow) -> Bool { a.start == b.start && a.end == b.end }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }

    public func contains(_ moment: Date) -> Bool { moment >= start && moment < end }

    /// The same shift counted from `moment` (for "what changed since 15:00"); the whole shift
    /// when `moment` is outside it.
    public func starting(at moment: Date) -> ShiftWindow {
        guard contains(moment) else { return self }
        return ShiftWindow(start: moment, end: end, zone: zone, pattern: pattern)
    }

    public var previous: ShiftWindow { pattern.shift(containing: start.addingTimeInterval(-60), zone: zone) }
    public var next: ShiftWindow { pattern.shift(containing: end, zone: zone) }

    /// "Night shift 19:00–07:00", "Day shift 07:00–19:00", or the clock times alone for patterns
    /// of other than two shifts.
    public var label: String {
        let from = TimeText.clock(start, zone: zone), to = TimeText.clock(end, zone: zone)
        guard pattern.starts.count == 2 else { return "Shift \(from)–\(to)" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hour = calendar.component(.hour, from: start)
        return (6..<18).contains(hour) ? "Day shift \(from)–\(to)" : "Night shift \(from)–\(to)"
    }

    /// "Sun 2026-11-22, night shift 19:00–07:00".
    public var longLabel: String {
        "\(DayDate(start, in: zone)) \(label.prefix(1).lowercased() + label.dropFirst())"
    }

    /// The id a handover of this shift has, the same in every process: two workers opening the
    /// same shift's handover write to one record (a conflict merged field by field), never two.
    public var handoverID: HandoverID { HandoverID(rawValue: "shift-\(Int(start.timeIntervalSince1970))") }
}
