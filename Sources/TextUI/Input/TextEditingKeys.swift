/// Keys a text field or area edits with besides characters and the arrows, for deciding what an
/// Alt key means where text is typed (`TextField`, `TextArea`).
public enum TextEditingKeys {
    /// Alt-b and Alt-f move by word, Alt-d deletes the word after the cursor.
    public static let altWordKeys: Set<Character> = ["b", "f", "d"]
}
