import Foundation

/// Licence plates compared the way they are read aloud: "abcd 123", "ABCD-123" and "ÁBCD123"
/// are one plate. Letters and digits only, accents folded, upper case.
public enum Plate {
    public static func normalized(_ text: String) -> String {
        TextFold.fold(text).uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    public static func same(_ a: String, _ b: String) -> Bool {
        let left = normalized(a)
        return !left.isEmpty && left == normalized(b)
    }
}
