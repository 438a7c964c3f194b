import CareDomain
import TextUI

/// Turns any error into one line of words for the screen: what went wrong and what to do next.
/// Our errors say it themselves (`ErrorInWords`); anything else — a library's error, whose text
/// is a code or a type dump — becomes a generic sentence. The text passes the sanitizer like any
/// other.
public enum ErrorWords {
    public static func describe(_ error: any Error, doing action: String) -> String {
        if let worded = error as? any ErrorInWords { return Sanitizer.clean(worded.description) }
        return "Could not \(action). Try again; if it keeps failing, run `care check`."
    }
}
