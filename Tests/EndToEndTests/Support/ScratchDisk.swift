import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs of the test's own, to fill up or mount read-only under a running store. Needs
/// the right to mount (root, as on the development machine); where CI does not give it,
/// `mountAllowed` is false and the tests that need one fall back (`FileSizeLimit`) or are skipped
/// with the reason shown.
final class ScratchDisk {
    let path: String
    private var filler = 0

    /// Whether this machine lets the tests mount a tmpfs (tried once, on a throwaway mount).
    /// `CARE_TEST_NO_MOUNT=1` runs the fallbacks CI takes where mounting is not allowed.
    static let mountAllowed: Bool = {
        guard ProcessInfo.processInfo.environment["CARE_TEST_NO_MOUNT"] == nil else { return false }
        guard let disk = try? ScratchDisk(kilobytes: 64) else { return false }
        _ = disk
        return true
    }()

    init(kilobytes: Int) throws {
        path = try Fixture.scratchDirectory() + "/disk"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Shell.run("mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path)
    }

    deinit {
        _ = try? Shell.run("umount", "-l", path)
    }

    /// Writes a filler file until the disk refuses another byte.
    func fill() throws {
        filler += 1
        let fd = open(path + "/filler-\(filler)", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Shell.Failure(description: "could not create a filler file") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0x5A, count: 65_536)
        var size = chunk.count
        while size >= 1 {
            if write(fd, &chunk, size) < 0 { size /= 2 }
        }
    }

    /// Writes a filler file that leaves about `kilobytes` free: room to open a store (SQLite's
    /// 32 KiB shared-memory file) but not to write to it.
    func fill(leavingKilobytes kilobytes: Int) throws {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { throw Shell.Failure(description: "statvfs failed on \(path)") }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let size = free - kilobytes * 1024
        guard size > 0 else { return }
        filler += 1
        try Data(count: size).write(to: URL(fileURLWithPath: path + "/filler-\(filler)"))
    }

    /// Removes the filler: the disk has room again.
    func free() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: path) where file.hasPrefix("filler-") {
            try FileManager.default.removeItem(atPath: path + "/" + file)
        }
    }

    /// Copies `source` onto the disk as `name` through a descriptor opened close-on-exec: a
    /// process another test spawns meanwhile would otherwise inherit the open file, and the disk
    /// could not be remounted read-only ("mount point is busy", seen in a full parallel run).
    func copyIn(_ source: String, as name: String) throws -> String {
        let destination = path + "/" + name
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Shell.Failure(description: "cannot create \(destination)") }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Shell.Failure(description: "short write to \(destination)") }
        return destination
    }

    func remount(readOnly: Bool) throws {
        try Shell.run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", path)
    }
}

/// The fallback where no tmpfs can be mounted: a file-size limit on a running process
/// (`prlimit`, util-linux). Past it, a write fails with EFBIG, as a full disk fails with ENOSPC.
enum FileSizeLimit {
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") }

    /// Sets the soft limit only: raising it again needs no privilege, where raising a hard
    /// limit would.
    static func set(_ pid: pid_t, bytes: Int?) throws {
        try Shell.run("prlimit", "--pid", String(pid), "--fsize=\(bytes.map(String.init) ?? "unlimited"):")
    }
}
