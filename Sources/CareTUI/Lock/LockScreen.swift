import CareDomain
import TextUI

/// What a locked screen shows: the unit, who it is locked for, and a passphrase prompt that
/// shows one dot per character typed. Never any child's data.
public enum LockScreen {
    public static func render(_ lock: LockState, unit: String, worker: Worker, size: Size, theme: Theme) -> Buffer {
        var buffer = Buffer(size: size)
        let status: (String, ThemeRole) = lock.notice.map { ($0, .emphasis) }
            ?? (lock.error ?? "Type the passphrase and press Enter. Ctrl-C quits.", lock.error == nil ? .muted : .error)
        // The status wraps: a wait for another session is said whole at 80 columns.
        let lines: [(String, ThemeRole)] = [
            ("CARE · \(unit) unit — locked", .emphasis),
            (lock.reason, .muted),
            ("", .normal),
            ("Passphrase for \(worker.accountName): " + String(repeating: "•", count: lock.passphrase.count) + "▏", .normal),
        ] + DisplayWidth.wrap(status.0, width: max(1, size.width - 2)).map { ($0, status.1) }
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let width = DisplayWidth.of(line.0)
            let x = max(0, (size.width - width) / 2)
            buffer.write(line.0, at: Point(x: x, y: top + i), width: size.width - x, style: theme[line.1])
        }
        return buffer
    }
}
