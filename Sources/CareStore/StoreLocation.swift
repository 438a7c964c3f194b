import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of filesystem holds a store's folder. Only `local` is safe for SQLite in WAL mode:
/// network filesystems do not honour the shared-memory and locking SQLite relies on.
public enum FilesystemKind: Equatable, Sendable {
    case local
    /// A network or user-space filesystem, by name ("nfs", "smb", "cifs", "fuse", ...).
    case network(String)
}

/// Tells what kind of filesystem a directory is on. Injectable so tests can pretend to be on NFS.
public protocol FilesystemProbe: Sendable {
    func kind(ofDirectory path: String) throws -> FilesystemKind
}

/// The real probe: `statfs(2)`. On Linux it reads the superblock magic number; on Darwin, the
/// filesystem type name.
public struct StatfsProbe: FilesystemProbe {
    public init() {}

    /// Linux superblock magic numbers of filesystems SQLite cannot lock safely.
    static let networkMagic: [UInt32: String] = [
        0x6969: "nfs",
        0x517B: "smb",
        0xFE53_4D42: "smb2",
        0xFF53_4D42: "cifs",
        0x6573_5546: "fuse",
        0x5346_414F: "afs",
        0x7375_7245: "coda",
        0x0102_1997: "9p",
    ]

    /// Darwin filesystem type names of the same family.
    static let networkNames: Set<String> = ["nfs", "smbfs", "cifs", "afpfs", "webdav", "ftp", "macfuse", "osxfuse"]

    public func kind(ofDirectory path: String) throws -> FilesystemKind {
        #if canImport(Darwin)
        var info = statfs()
        guard statfs(path, &info) == 0 else { throw Self.failure(path) }
        let name = withUnsafeBytes(of: info.f_fstypename) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return Self.networkNames.contains(name) ? .network(name) : .local
        #else
        guard let magic = try Self.linuxMagic(of: path) else { return .local }
        if let name = Self.networkMagic[magic] { return .network(name) }
        return .local
        #endif
    }

    #if !canImport(Darwin)
    private typealias StatfsFunction = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32

    /// `f_type` of `statfs(2)`. Swift's Glibc module does not include `<sys/statfs.h>`, so the
    /// function is looked up in the C library; `f_type` (a C `long`) is the struct's first field
    /// on every Linux architecture. Nil only if the C library has no `statfs`.
    static func linuxMagic(of path: String) throws -> UInt32? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "statfs") else { return nil }
        let call = unsafeBitCast(symbol, to: StatfsFunction.self)
        // struct statfs is 120 bytes on 64-bit Linux, 64 on 32-bit; 512 leaves room for any.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 512)
        guard call(path, buffer) == 0 else { throw failure(path) }
        return UInt32(truncatingIfNeeded: buffer.load(as: Int.self))
    }
    #endif

    private static func failure(_ path: String) -> StoreError {
        StoreError.invalid("Cannot inspect the folder \(path): \(String(cString: strerror(errno)))")
    }
}

/// Where a store lives: the SQLite file and the `-wal` and `-shm` files SQLite keeps beside it.
public struct StoreLocation: Sendable, Equatable {
    /// The store file, e.g. `~/.local/share/care/KEN.care`.
    public let path: String

    public init(path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public var directory: String { URL(fileURLWithPath: path).deletingLastPathComponent().path }
    public var walPath: String { path + "-wal" }
    public var shmPath: String { path + "-shm" }
    /// The store file and its SQLite companions.
    public var allPaths: [String] { [path, walPath, shmPath] }

    /// True when a store file is at the path.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// True when the path is a folder (a store named by its folder instead of its file).
    public var isFolder: Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// A folder given where a store's file was wanted, in words: SQLite cannot open it and used
    /// to be reported as a disk that may be failing.
    var folderRefusal: StoreError {
        let stores = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".care") }.sorted()
        let inside = stores.isEmpty ? "" : " (it holds \(stores.prefix(3).joined(separator: ", ")))"
        return .invalid("\(path) is a folder, not a store's file\(inside): name the store's own file, such as \(path)/\(stores.first ?? "KEN.care").")
    }

    /// Refuses a folder on a network filesystem. Probes the nearest folder that exists, so it
    /// works before the store's own folder is created.
    public func requireLocalFilesystem(using probe: any FilesystemProbe) throws {
        var folder = URL(fileURLWithPath: directory)
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        if case .network(let kind) = try probe.kind(ofDirectory: folder.path) {
            throw StoreError.networkFilesystem(kind: kind, path: path)
        }
    }

    /// Creates the store's folder (and any missing parents) with mode 0700. Folders that already
    /// exist are left as they are: the store may live in a folder the person chose.
    func createDirectory() throws {
        guard !FileManager.default.fileExists(atPath: directory) else { return }
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Runs `body` with the process umask at 0077, so a store file SQLite creates starts as 0600
    /// (SQLite gives its `-wal` and `-shm` the store file's own mode).
    /// The umask is process-wide, so changes are serialised and always restored.
    static func withPrivateUmask<T>(_ body: () throws -> T) rethrows -> T {
        umaskLock.lock()
        defer { umaskLock.unlock() }
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }

    private static let umaskLock = NSLock()
}
