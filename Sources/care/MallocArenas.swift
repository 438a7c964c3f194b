import CMalloc
import CareDomain
import Foundation

/// glibc gives each new thread a malloc arena of its own, up to eight per core, and memory freed
/// in an arena stays with it. The caseload's load decodes on one thread per core and builds the
/// dashboard on others, each interleaving short-lived rows with the entries it keeps, so every
/// arena kept its own holes: at 50,000 children the peak was 229 MB with the default and 198 MB
/// with one arena per core (`care bench`, docs/benchmarks.md). More arenas than cores only lets
/// threads that never run at once avoid a lock they would not contend for.
enum MallocArenas {
    /// One arena per core, unless `MALLOC_ARENA_MAX` says otherwise. Called before any thread starts.
    static func limitToCores() {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
        _ = mallopt(M_ARENA_MAX, Int32(clamping: max(1, ParallelMap.cores)))
    }
}
