import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Spawn attributes that give a child an empty signal mask and default signal actions.
///
/// The test runner's threads block most signals, and a spawned process inherits the mask. A tmux
/// server started that way never sees the SIGTERM that `kill-server` sends it, so it and the
/// `care` in its pane outlived the test, dozens per run, polling their stores. A child with a
/// clean mask behaves as it would from a shell.
final class SpawnAttributes {
    var value = posix_spawnattr_t()

    init() {
        posix_spawnattr_init(&value)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&value, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&value, &all)
        posix_spawnattr_setflags(&value, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }

    deinit { posix_spawnattr_destroy(&value) }
}
