/// A key press, decoded from whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lowercased: Ctrl-L is `.ctrl("l")`.
    case ctrl(Character)
    /// Alt (Meta) plus a character, as typed: Alt-b is `.alt("b")`, Alt-Shift-b is `.alt("B")`.
    /// Terminals send it as Esc followed by the character.
    case alt(Character)
    case up, down, left, right
    /// Ctrl-← and Ctrl-→, which text inputs use to move by word.
    case ctrlLeft, ctrlRight
    case pageUp, pageDown, home, end
    case function(Int)
    case tab, backTab, enter, escape, backspace, delete, insert
}

/// What a terminal can report between frames.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size; the next frame must be drawn in full.
    case resize(Size)
    /// The program was asked to stop (SIGTERM, SIGHUP, SIGINT).
    case interrupt
    /// Text pasted in one piece (bracketed paste): it goes into the field in front whole, and
    /// its line breaks are never Enter presses.
    case paste(String)
    /// The terminal answering a query the program sent (`Terminal.ask`), recognised by its exact
    /// sequence whenever it arrives: never keys, never typing.
    case reply(TerminalReply)
}
