#if canImport(Glibc)
import Glibc
#endif

/// Waiting for the terminal's input in poll(2), so the frame loop sleeps in the kernel until a
/// key, a signal or its timeout — and learns when the input is gone.
enum TerminalInput {
    enum Wait: Equatable {
        /// Something can be read (or the other end closed, which a read then shows).
        case ready
        /// A signal arrived (a stop, or SIGWINCH for a resize).
        case interrupted
        case timedOut
        /// Another thread rang the loop's `TerminalWake` (a change another session saved).
        case woken
        /// The descriptor is not open, or poll itself failed: there is no more input.
        case gone
    }

    /// Waits up to `milliseconds` (negative: no limit) for standard input, or for `wake`'s
    /// descriptor to be rung. Input goes first when both are ready.
    static func wait(milliseconds: Int, wake: Int32? = nil) -> Wait {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if let wake { descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        let result = poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: milliseconds))
        if result < 0 { return errno == EINTR || errno == EAGAIN ? .interrupted : .gone }
        if result == 0 { return .timedOut }
        if descriptors[0].revents & Int16(POLLNVAL) != 0 { return .gone }
        if descriptors[0].revents != 0 { return .ready }
        return .woken
    }
}
