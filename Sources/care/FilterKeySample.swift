/// Where a key falls in a name typed into the filter: which word, which letter of it, or a
/// separator between words. The filter's work differs by place (the first letter is answered
/// from a mask, later letters narrow what the earlier ones kept, a space starts a new word), so
/// `care bench` breaks a name's keys down by it.
struct FilterKeyPlace: Codable, Sendable, Hashable {
    /// 1 for the first word.
    var word = 0
    /// 1 for a word's first letter; 0 for a space or other separator.
    var letter = 0

    /// Moves on past `character`, the next key typed.
    mutating func advance(past character: Character) {
        if character.isWhitespace {
            letter = 0
        } else {
            if letter == 0 { word += 1 }
            letter += 1
        }
    }

    /// The group the bench reports this place in.
    var group: Group {
        if letter == 0 { return .space }
        let second = word > 1
        switch letter {
        case 1: return second ? .laterFirst : .first
        case 2: return second ? .laterSecond : .second
        default: return second ? .laterRest : .rest
        }
    }

    enum Group: String, CaseIterable, Codable, Sendable {
        case first = "1st letter of the first word"
        case second = "2nd letter"
        case rest = "3rd letter on"
        case space = "a space between words"
        case laterFirst = "1st letter of a later word"
        case laterSecond = "its 2nd letter"
        case laterRest = "its 3rd letter on"
    }
}

/// One key of a name typed into the filter: where it fell, the wall and CPU time to its frame,
/// and how many rows the list showed after it.
struct FilterKeySample: Codable, Sendable {
    var place: FilterKeyPlace
    var milliseconds: Double
    /// This thread's CPU time for the same key (`BenchRun.threadCPUMilliseconds`).
    var cpuMilliseconds: Double
    var shown: Int
}
