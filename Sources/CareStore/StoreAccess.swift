import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the operator's file modes say about a store, read before it is opened: whether it may
/// be written, and whether other accounts on the machine can read it. The modes are respected,
/// never changed: a store made read-only (`chmod 400`, or a folder without write permission)
/// opens read-only, and a folder or file others can read gets a warning in words, not a chmod
/// (a unit sharing one store between workers in a group may have made it so on purpose).
struct StoreAccess {
    /// Why the store must be opened read-only, or nil.
    var readOnlyReason: String?
    /// Warnings about modes wider than the owner's.
    var notices: [String] = []

    init(_ location: StoreLocation) {
        let fileMode = Self.mode(location.path)
        let folderMode = Self.mode(location.directory)
        // The owner's write bit, not only access(2): the superuser may write anything, and a
        // store an operator made read-only stays so for them too.
        if DiskState(location)?.readOnlyMount == true {
            readOnlyReason = DiskState.readOnlyWords
        } else if let fileMode, fileMode & 0o200 == 0 || access(location.path, W_OK) != 0 {
            readOnlyReason = "the store file is not writable (mode \(Self.octal(fileMode)))"
        } else if let folderMode, folderMode & 0o200 == 0 || access(location.directory, W_OK) != 0 {
            readOnlyReason = "its folder \(location.directory) is not writable (mode \(Self.octal(folderMode)))"
        }
        // The folder the store file really is in, too, when it is reached through a symlink.
        let real = URL(fileURLWithPath: location.path).resolvingSymlinksInPath().deletingLastPathComponent().path
        for folder in real == location.directory ? [location.directory] : [location.directory, real] {
            if let mode = Self.mode(folder), mode & 0o077 != 0 {
                notices.append("The store's folder \(folder) can be used by other accounts on this machine "
                    + "(mode \(Self.octal(mode))); `chmod 700 \(folder)` keeps it to you.")
            }
        }
        if let fileMode, fileMode & 0o077 != 0 {
            let may = fileMode & 0o022 != 0 ? "read and changed" : "read"
            notices.append("The store file can be \(may) by other accounts on this machine (mode \(Self.octal(fileMode))); "
                + "`chmod 600 \(location.path)` keeps it to you.")
        }
    }

    /// The notice for a read-only store: what still works and what does not.
    static func readOnlyNotice(_ reason: String) -> String {
        "This store is read-only: \(reason). The caseload can be read; records cannot be opened, because their view "
            + "cannot be written to the audit trail; nothing can be saved."
    }

    static func mode(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o7777
    }

    static func octal(_ mode: Int) -> String { "0" + String(mode, radix: 8) }
}
