import TextUI

extension CursesKeyDecoder {
    /// Joins Esc followed by a character into Alt plus that character, within one read batch.
    ///
    /// Terminals send Alt-b as `ESC b` in a single write. ncurses, finding no key that starts
    /// with those bytes, returns the Esc after `ESCDELAY` and the "b" on the next read, so both
    /// land in the same batch. An Esc pressed on its own arrives with nothing after it (people do
    /// not type within the 25 ms delay), so it stays `.escape`; so does one before anything that
    /// is not a character (Esc then ↑), or one that ends a batch.
    static func combineAltKeys(_ events: [InputEvent]) -> [InputEvent] {
        var combined: [InputEvent] = []
        combined.reserveCapacity(events.count)
        var i = 0
        while i < events.count {
            if events[i] == .key(.escape), i + 1 < events.count, case .key(.char(let c)) = events[i + 1] {
                combined.append(.key(.alt(c)))
                i += 2
            } else {
                combined.append(events[i])
                i += 1
            }
        }
        return combined
    }
}
