import CNCurses

/// Function keys whose sequence is also an answer to the cursor-position query.
///
/// xterm sends Shift-F3 as `ESC [ 1 ; 2 R` and Ctrl-F3 as `ESC [ 1 ; 5 R`; a terminal answering
/// where its cursor is says `ESC [ 1 ; 5 R` when it is on row 1, column 5. ncurses would turn that
/// answer into a key press, so those keys are switched off (`keyok`) and the answer reaches the
/// `TerminalReplyScanner` as itself. Nothing in care is bound to a modified F3.
enum CursorPositionKeys {
    /// Call after `newterm` and `keypad`.
    @MainActor
    static func switchOff() {
        for number in 1...63 {
            guard let sequence = care_tigetstr("kf\(number)"), looksLikeAnswer(String(cString: sequence)) else { continue }
            _ = keyok(care_key_f(Int32(number)), false)
        }
    }

    /// Whether `sequence` has the form of an answer: `ESC [ digits ; digits R`.
    static func looksLikeAnswer(_ sequence: String) -> Bool {
        guard sequence.hasPrefix("\u{1B}["), sequence.hasSuffix("R") else { return false }
        let numbers = sequence.dropFirst(2).dropLast().split(separator: ";", omittingEmptySubsequences: false)
        return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
