import Foundation

/// Phone numbers compared the way people mean them: "(555) 010-0199", "555.010.0199" and
/// "+1 555 010 0199" are one number. Only ASCII digits count; a leading North American "1"
/// on an eleven-digit number is dropped, so the country code typed or not matches.
public enum PhoneNumber {
    /// The digits of `text`, without a leading "1" on eleven digits. Empty when it has none.
    public static func digits(_ text: String) -> String {
        var digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        if digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
        return digits
    }

    /// Whether two typed numbers are the same number (and are numbers at all).
    public static func same(_ a: String, _ b: String) -> Bool {
        let left = digits(a)
        return !left.isEmpty && left == digits(b)
    }
}
