import CMalloc
import CareDomain
import Foundation

/// How glibc's malloc is set for the caseload's load, before any thread starts. Both settings
/// were chosen on the peak resident memory of `care bench` at 50,000 children
/// (docs/benchmarks.md), and each is left alone when the person set it in the environment.
enum MallocTuning {
    /// Blocks this large or larger are mapped on their own and given back when freed.
    static let mmapThreshold = 256 * 1_024

    static func apply() {
        limitArenasToCores()
        fixMmapThreshold()
    }

    /// glibc gives each new thread a malloc arena of its own, up to eight per core, and memory
    /// freed in an arena stays with it. The caseload's load decodes on one thread per core and
    /// builds the dashboard on others, each interleaving short-lived rows with the entries it
    /// keeps, so every arena kept its own holes: at 50,000 children the peak was 229 MB with the
    /// default and 198 MB with one arena per core. More arenas than cores only lets threads that
    /// never run at once avoid a lock they would not contend for.
    static func limitArenasToCores() {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
        _ = mallopt(M_ARENA_MAX, Int32(clamping: max(1, ParallelMap.cores)))
    }

    /// glibc maps a large block on its own only above a threshold that it raises to the size of
    /// each mapped block freed (up to 32 MB), and lets the heap's top grow to twice that before
    /// giving it back. The load frees large lists (each class's entries, 20 MB at 50,000
    /// children), so after it every list the dashboard grows by doubling came from the heap, and
    /// each size it outgrew stayed behind as a hole: the peak moved between 182 and 209 MB from
    /// one run to the next. A fixed threshold keeps large lists mapped on their own, given back
    /// when freed or outgrown (a mapped block grows by `mremap`, without a copy): 168–173 MB.
    static func fixMmapThreshold() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["MALLOC_MMAP_THRESHOLD_"] == nil, !(environment["GLIBC_TUNABLES"] ?? "").contains("mmap_threshold") else { return }
        _ = mallopt(M_MMAP_THRESHOLD, Int32(mmapThreshold))
    }
}
