import CareDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A printed handover on disk: readable by its owner only (0600), never written over.
enum HandoverFile {
    struct Exists: ErrorInWords {
        let path: String
        var description: String { "A file already exists at \(path); nothing was written." }
    }

    struct Failed: ErrorInWords {
        let path: String
        let reason: String
        var description: String { "The handover could not be written to \(path) (\(reason))." }
    }

    /// Writes the whole text or nothing: a half-written file is removed. `audit` runs once the
    /// file is made (so one already there is refused before anything is audited) and before a
    /// word goes into it: no file holds names that the audit trail does not know left the store.
    /// When the audit fails or is given up (another session held the store), the empty file is
    /// removed and its error thrown.
    static func write(_ text: String, to path: String, audit: () throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Exists(path: path) }
            throw Failed(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            try audit()
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                let reason = count < 0 ? String(cString: strerror(errno)) : "nothing more could be written"
                close(descriptor)
                unlink(path)
                throw Failed(path: path, reason: reason)
            }
            written += count
        }
        let synced = fsync(descriptor) == 0
        let reason = synced ? "" : String(cString: strerror(errno))
        let closed = close(descriptor) == 0
        guard synced, closed else {
            unlink(path)
            throw Failed(path: path, reason: synced ? String(cString: strerror(errno)) : reason)
        }
    }

    /// `handover-KEN-2026-11-22-night.md` in `folder`.
    static func path(folder: String, unit: String, window: String) -> String {
        (folder as NSString).appendingPathComponent("handover-\(unit)-\(window).md")
    }
}
