import CareDomain
import CareStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `care export` writes: every record as JSON, or the children as CSV rows.
public enum ExportFile {
    public enum Format: String, CaseIterable, Sendable {
        case json, csv
    }

    /// The kinds each format holds: JSON every record, CSV the children and the workers who
    /// name their team (the workers are not written; they give the account names).
    public static func kinds(for format: Format) -> [RecordKind] {
        format == .json ? RecordKind.allCases : [.child, .worker]
    }

    public static func contents(of unit: UnitRecords, format: Format, at date: Date) throws -> Data {
        switch format {
        case .json:
            return try ExportDocument(unit: unit.unit, exportedAt: date, records: unit.records).encoded()
        case .csv:
            let table = ChildColumns.rows(of: unit.all(Child.self), workers: unit.all(Worker.self))
            return Data(try CSVTable.text(header: table.header, rows: table.rows).utf8)
        }
    }

    /// Writes a new file created 0600 (refused when one is already at `path`, so an export never
    /// replaces another file).
    public static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "a file is already there; choose a new name" : String(cString: strerror(errno))
            throw TransferFailure("Could not create \(path): \(reason). Nothing was written.")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(path)
            throw TransferFailure("Could not write \(path): \(error.localizedDescription). Nothing was kept.")
        }
    }
}

/// What `care import` reads: a CSV file of children, a JSON export, or either sealed.
public enum ImportFile {
    public enum Contents: Sendable {
        case csv(CSVTable.Parsed)
        case export(ExportDocument)
    }

    /// The file at `path`, opened with `passphrase()` when it is sealed (asked only then).
    public static func read(path: String, passphrase: () throws -> String) throws -> (contents: Contents, sealed: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TransferFailure("Could not read \(path) (no such file, or no permission). Nothing was imported.")
        }
        if let sealed = SealedFile.read(data) {
            let plain = try sealed.open(passphrase: try passphrase())
            return (try contents(plain, csv: sealed.content == "csv"), true)
        }
        let first = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
        let isCSV = path.lowercased().hasSuffix(".csv") || (!path.lowercased().hasSuffix(".json") && first != UInt8(ascii: "{"))
        return (try contents(data, csv: isCSV), false)
    }

    static func contents(_ data: Data, csv: Bool) throws -> Contents {
        csv ? .csv(try CSVTable.parse(data)) : .export(try ExportDocument.decode(data))
    }

    /// The records to hand to the store: the CSV's children (validated against the store's
    /// unit and accounts), or the export's records.
    public static func records(
        _ contents: Contents, unit: String, accounts: [AccountSummary], progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> [AnyRecord] {
        switch contents {
        case .csv(let table):
            return try ChildColumns.children(from: table, unit: unit, accounts: accounts, progress: progress).map(AnyRecord.child)
        case .export(let document):
            return document.anyRecords
        }
    }
}

/// A transfer refused or failed, in words.
public struct TransferFailure: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
