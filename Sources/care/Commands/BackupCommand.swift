import ArgumentParser
import CareStore
import Foundation

/// `care backup DEST`: a copy of the store made with SQLite's online backup, while others keep
/// working (supervisor; audited).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a new file while others keep working (supervisor).",
        discussion: """
            Uses SQLite's online backup: the copy is one consistent moment of the store, taken while \
            other sessions go on saving. The copy is sealed like the store (the same accounts open it), \
            created 0600, and never replaces a file already at DEST. See docs/operations.md.
            """
    )

    @OptionGroup var login: LoginOptions

    @Argument(help: "The new file to write the backup to.")
    var destination: String

    func run() throws {
        let store = try login.open()
        defer { try? store.close() }
        try SupervisorOnly.require(store, to: "back up the store")
        let progress = ProgressBar("Backing up")
        let result: CopyResult
        do {
            result = try StoreBackup.backup(store, to: destination) { progress.update(fraction: $0.fraction) }
        } catch {
            progress.finish()
            throw CommandFailure.words(String(describing: error))
        }
        progress.finish()
        Say.out("Backed up \(store.location.path) to \(result.path): \(ByteWords.text(result.bytes)), audit trail to event \(result.auditEvents).")
        Say.out("Restore it with: care restore \(result.path) --store \(store.location.path) --force")
    }
}

/// `care restore SRC --store PATH`: puts a backup in place. Refuses to replace a store without
/// --force, and then keeps the replaced one beside it.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place as the store (refuses to replace a store without --force).",
        discussion: """
            The backup is checked first (a care store that SQLite finds whole). A store already at \
            --store is replaced only with --force, and is first copied to PATH.before-restore-TIME. \
            Ask everyone to quit care before restoring. If this machine has seen a later point of \
            the store's audit trail than the backup holds, the restore says so and names the command \
            with which a supervisor accepts it (care anchor accept).
            """
    )

    @Argument(help: "The backup file to restore.")
    var source: String

    @Option(name: .long, help: "Where the store goes (default: $CARE_STORE, then $XDG_DATA_HOME/care/<unit>.care).")
    var store: String?

    @ArgumentParser.Flag(name: .long, help: "Replace the store already there (it is kept beside it first).")
    var force = false

    func run() throws {
        let (found, looked) = StorePaths.discover(explicit: store)
        guard let path = found else { throw CommandFailure.noStore(looked: looked) }
        let head: (storeID: String, sequence: Int64)
        do {
            head = try StoreBackup.head(of: source)
        } catch {
            throw CommandFailure.words("\(String(describing: error)) Nothing was restored.")
        }
        let progress = ProgressBar("Restoring")
        let result: CopyResult
        do {
            result = try StoreBackup.restore(from: source, to: path, force: force) { progress.update(fraction: $0.fraction) }
        } catch {
            progress.finish()
            throw CommandFailure.words(String(describing: error))
        }
        progress.finish()
        if let kept = result.replacedKeptAt { Say.out("Kept the store that was at \(path) as \(kept).") }
        Say.out("Restored \(StoreLocation(path: source).path) to \(result.path): \(ByteWords.text(result.bytes)), audit trail to event \(result.auditEvents).")
        if let seen = AnchorBook.standard().anchor(storeID: head.storeID, path: result.path), seen.sequence > head.sequence {
            Say.notice(RestoreWords.behindAnchor(backupEvent: head.sequence, seenEvent: seen.sequence, store: result.path))
        }
    }
}

/// What a restore says when this machine has seen more of the store's trail than the backup has.
enum RestoreWords {
    /// The supervisor command that accepts a deliberate restore as this machine's anchor (it
    /// comes with the certified accounts and forward-only anchors; named here so the words are
    /// right when both are in).
    static let acceptCommand = "care anchor accept"

    static func behindAnchor(backupEvent: Int64, seenEvent: Int64, store: String) -> String {
        """
        This machine has seen event \(seenEvent) of this store's audit trail; the backup ends at event \(backupEvent). \
        Until a supervisor accepts this restore explicitly, care will name the restored store as an older copy put back \
        every time it is opened here. To accept it: \(acceptCommand) --store \(store) --as SUPERVISOR
        """
    }
}

/// File sizes in words.
enum ByteWords {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
