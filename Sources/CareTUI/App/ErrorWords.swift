import CareDomain
import TextUI

/// Turns any error into one line of words for the screen: what went wrong and what to do next.
/// Never a raw code or a stack trace; the text passes the sanitizer like any other.
public enum ErrorWords {
    public static func describe(_ error: any Error, doing action: String) -> String {
        if let denied = error as? PermissionDenied { return denied.description }
        // Our errors describe themselves in words; anything that prints like a type dump does not.
        let text = String(describing: error)
        if !text.isEmpty && !text.contains("Error(") && !text.contains("error ") { return Sanitizer.clean(text) }
        return "Could not \(action). Try again; if it keeps failing, run `care check`."
    }
}
