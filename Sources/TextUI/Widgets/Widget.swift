/// Something that draws itself into part of a `Buffer`.
///
/// Widgets are values built fresh for each frame from application state; they hold no
/// terminal and no references, so a frame is a pure function of state, size and theme.
/// Text goes in through `Buffer.write`, which sanitizes it, so widgets do not sanitize again.
public protocol Widget {
    /// Draws into `area`, never outside it.
    func render(in area: Rect, buffer: inout Buffer, theme: Theme)
}
