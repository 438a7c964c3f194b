/// The one gate text from people and files passes before it is drawn, stored or exported.
///
/// A child's record can hold anything someone typed or pasted, or anything an imported file
/// contained. Drawn raw, an escape sequence could recolour or clear the screen, move the cursor,
/// retitle the window or (OSC 52) write to the clipboard; bidi overrides can make "Tess" read as
/// another name; zero-width characters make two names look equal and search differently. So:
///
/// - C0 and C1 controls (ESC, BEL, CR, BS, DEL, CSI U+009B, …) are removed. Only the control
///   scalars are removed: of "ESC [31m" the printable "[31m" remains, visible and harmless.
/// - TAB becomes a space. A line break ("\n", "\r\n", a lone "\r", U+2028/U+2029) becomes "\n"
///   when `multiline` is true, and a space otherwise, so words stay apart.
/// - bidi embeddings, overrides, isolates and marks (U+202A–202E, U+2066–2069, U+200E, U+200F,
///   U+061C) are removed.
/// - zero-width and invisible characters (U+200B, U+2060–2064, U+206A–206F, U+FEFF, U+180E,
///   U+FFF9–FFFB) are removed. The joiner U+200D stays only between two emoji, where it builds
///   one picture (👩‍👩‍👧); elsewhere it is removed. Tag characters (U+E0020–E007F) stay only
///   after U+1F3F4, where they spell a subdivision flag; elsewhere they can hide text.
///
/// Letters, combining marks, emoji and every script are kept as they are; nothing is normalized.
public enum Sanitizer {
    /// `s` with everything listed above removed or replaced.
    public static func clean(_ s: String, multiline: Bool = false) -> String {
        if isPrintableASCII(s, multiline: multiline) { return s }
        // Most text that is not ASCII ("·", a name with accents) has nothing to take out either.
        if !s.unicodeScalars.contains(where: { needsWork($0, multiline: multiline) }) { return s }
        let input = Array(s.unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < input.count {
            let scalar = input[i]
            let next = i + 1 < input.count ? input[i + 1] : nil
            switch scalar.value {
            case 0x09:
                output.append(" ")
            case 0x0A, 0x2028, 0x2029:
                output.append(multiline ? "\n" : " ")
            case 0x0D:
                // "\r\n" is one break: the "\n" that follows does the work.
                if next?.value != 0x0A { output.append(multiline ? "\n" : " ") }
            case 0x200D:
                if let previous = output.last, let next, isEmojiBase(previous), isEmojiJoinable(next) {
                    output.append(scalar)
                }
            case 0xE0020...0xE007F:
                if let previous = output.last, previous.value == 0x1F3F4 || (0xE0020...0xE007E).contains(previous.value) {
                    output.append(scalar)
                }
            default:
                if !isRemoved(scalar) { output.append(scalar) }
            }
            i += 1
        }
        return String(output)
    }

    /// Whether `clean(s, multiline:)` would leave `s` exactly as it is.
    public static func isClean(_ s: String, multiline: Bool = false) -> Bool {
        if isPrintableASCII(s, multiline: multiline) { return true }
        return clean(s, multiline: multiline).unicodeScalars.elementsEqual(s.unicodeScalars)
    }

    /// Whether `scalar` is one the sanitizer never lets through, whatever surrounds it:
    /// controls (other than the line break it may keep), bidi formatting and invisible characters.
    public static func isForbidden(_ scalar: Unicode.Scalar, multiline: Bool = false) -> Bool {
        if scalar.value == 0x0A { return !multiline }
        return scalar.value == 0x09 || scalar.value == 0x0D || scalar.value == 0x2028 || scalar.value == 0x2029
            || isRemoved(scalar)
    }

    // MARK: - Classes of scalars

    /// A scalar `clean` removes, replaces or has to look around: the cases of its loop.
    static func needsWork(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: return !multiline
        case 0x09, 0x0D, 0x2028, 0x2029, 0x200D, 0xE0020...0xE007F: return true
        default: return isRemoved(scalar)
        }
    }

    /// Removed wherever it appears.
    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true                         // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true  // bidi
        case 0x200B, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0x180E, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }

    /// A scalar that may stand before a joiner in an emoji ZWJ sequence: a picture, its
    /// presentation selector or a skin-tone modifier.
    static func isEmojiBase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || isEmojiJoinable(scalar)
    }

    /// A scalar that may follow a joiner in an emoji ZWJ sequence. ASCII digits, '#' and '*'
    /// carry the Emoji property for keycaps, but are not pictures.
    static func isEmojiJoinable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && scalar.properties.isEmoji
    }

    /// The common case, checked fast: nothing but printable ASCII (and "\n" when allowed).
    static func isPrintableASCII(_ s: String, multiline: Bool) -> Bool {
        for byte in s.utf8 {
            if byte >= 0x20 && byte < 0x7F { continue }
            if byte == 0x0A && multiline { continue }
            return false
        }
        return true
    }
}
