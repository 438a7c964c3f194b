import Foundation
import TextUI

/// The one way `care` writes text on the command line. Every line passes the same sanitizer as
/// the dashboard (`TextUI.Sanitizer`), whatever it holds — an account name or record id read
/// from a tampered store, an error's words, a path, a prompt — so nothing printed can move the
/// cursor, retitle the window, clear the screen or reorder text with bidi controls. Tab-separated
/// output is cleaned field by field (the sanitizer turns a tab inside a field into a space).
enum Say {
    /// One or more lines on standard output.
    static func out(_ text: String) {
        write(text, to: FileHandle.standardOutput)
    }

    /// A line of fields separated by tabs, each cleaned on its own (a tab or line break inside a
    /// field becomes a space, so the columns stay columns).
    static func fields(_ fields: [String]) {
        emit(fields.map { Sanitizer.clean($0) }.joined(separator: "\t"), to: FileHandle.standardOutput)
    }

    /// One or more lines on standard error.
    static func error(_ text: String) {
        write(text, to: FileHandle.standardError)
    }

    /// A notice about the store, on standard error, prefixed so it stands apart from output.
    static func notice(_ text: String) {
        error("care: " + text)
    }

    /// A prompt on standard error, without a line break.
    static func prompt(_ text: String) {
        FileHandle.standardError.write(Data(clean(text).utf8))
    }

    /// `text` as it may be printed: line breaks kept, everything else the sanitizer removes gone.
    static func clean(_ text: String) -> String {
        Sanitizer.clean(text, multiline: true)
    }

    private static func write(_ text: String, to handle: FileHandle) {
        emit(clean(text), to: handle)
    }

    /// Writes a line already cleaned.
    private static func emit(_ clean: String, to handle: FileHandle) {
        handle.write(Data((clean + "\n").utf8))
    }
}
