#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ends the frame loop's wait for input early, from any thread: another session's save
/// announced by the store rings it, and the loop turns at once instead of at its next tick.
///
/// A pipe the terminal waits on beside its input (poll(2)): `ring` writes a byte, the wait sees
/// it, `drain` empties it. Rings that come while the pipe is full are one ring: the loop only
/// needs to know that something came, and asks what (the change feed) itself.
public final class TerminalWake: @unchecked Sendable {
    /// What the terminal polls for a ring.
    public let descriptor: Int32
    private let writeEnd: Int32

    /// Nil when the process has no descriptors left for a pipe: the loop then turns on its clock.
    public init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// Wakes the wait (now, or the next one if none is waiting).
    public func ring() {
        var byte: UInt8 = 1
        // A full pipe (EAGAIN) has been rung already.
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe; whether it had been rung since the last drain.
    @discardableResult
    public func drain() -> Bool {
        var rung = false
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &bytes, bytes.count) > 0 { rung = true }
        return rung
    }

    /// Waits up to `milliseconds` (negative: no limit) for a ring, for a terminal with no input
    /// of its own to wait on (tests); whether it was rung. Drains what it finds.
    public func wait(milliseconds: Int) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&poller, 1, Int32(clamping: milliseconds))
            if result < 0, errno == EINTR { continue }
            return result > 0 && drain()
        }
    }
}
