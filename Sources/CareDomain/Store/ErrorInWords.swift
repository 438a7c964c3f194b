/// An error whose `description` is words for the person at the screen: what went wrong and what
/// to do next, never a type dump or a code. The screens show these as they are (sanitized) and
/// every other error as a generic sentence, decided by type rather than by reading the text.
public protocol ErrorInWords: Error, CustomStringConvertible {}
