import CareCore
import Foundation
import Logging
import PostgresNIO

/// One connection to the server, used by one session, called synchronously as the store port is.
///
/// The port's calls are synchronous and may run on Swift's cooperative threads (tests do), so
/// the link waits on NIO futures, never on a Task: a blocked cooperative thread would then wait
/// for work that needs that same pool. Calls are serialized by a lock; the dashboard's
/// `StoreLane` never overlaps two anyway.
final class PostgresLink: @unchecked Sendable {
    let address: PostgresAddress
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private static let connectionIDs = Counter()
    /// Statements sent to the server by this link: lets tests show a change arrived by
    /// notification, not by asking.
    private(set) var statementCount = 0

    /// The driver logs nothing of care's: its messages could name a statement, never a value,
    /// but nothing the store does belongs on stderr.
    static let silent = Logger(label: "care.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(_ address: PostgresAddress) throws {
        self.address = address
        connection = try Self.connect(address)
    }

    static func connect(_ address: PostgresAddress) throws -> PostgresConnection {
        let configuration = try address.configuration()
        do {
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                id: connectionIDs.next(), logger: silent
            ).wait()
            _ = try connection.query(try PostgresQuery("SET search_path TO \(quoted(address.schema))", []), logger: silent).wait()
            return connection
        } catch let error as PSQLError {
            throw PostgresFailure.words(error, doing: "connecting to \(address.description)")
        }
    }

    /// `name` as a quoted identifier (schema names come from the unit code, checked already).
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    func close() {
        lock.withLock {
            if let connection { try? connection.close().wait() }
            connection = nil
        }
    }

    deinit { if let connection { try? connection.close().wait() } }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresRandomAccessRow] {
        try lock.withLock { try run(sql, values) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `writer` first takes the store's write lock (the row of the audit head, `FOR UPDATE`):
    /// one writer at a time, as the audit chain needs and as SQLite's `BEGIN IMMEDIATE` gives.
    /// Reads within see every commit made before the lock was granted (READ COMMITTED takes a
    /// new snapshot per statement).
    @discardableResult
    func transaction<T>(writer: Bool, _ body: (Transaction) throws -> T) throws -> T {
        try lock.withLock {
            try run("BEGIN ISOLATION LEVEL READ COMMITTED", [])
            do {
                let transaction = Transaction(link: self)
                if writer { try run("SELECT value FROM meta WHERE key = 'audit_head' FOR UPDATE", []) }
                let result = try body(transaction)
                try run("COMMIT", [])
                return result
            } catch {
                _ = try? run("ROLLBACK", [])
                throw error
            }
        }
    }

    /// The statements of one transaction (the link's lock is held).
    struct Transaction {
        fileprivate let link: PostgresLink

        @discardableResult
        func query(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresRandomAccessRow] {
            try link.run(sql, values)
        }

        /// The number of rows the statement changed.
        func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
            try link.execute(sql, values)
        }
    }

    @discardableResult
    fileprivate func run(_ sql: String, _ values: [SQLValue]) throws -> [PostgresRandomAccessRow] {
        let result = try send(sql, values)
        return result.rows.map { $0.makeRandomAccess() }
    }

    fileprivate func execute(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try send(sql, values).metadata.rows ?? 0
    }

    private func send(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        guard let connection else { throw StoreError.closed }
        statementCount += 1
        do {
            return try connection.query(try PostgresQuery(sql, values), logger: Self.silent).wait()
        } catch let error as PSQLError {
            throw PostgresFailure.words(error, doing: nil)
        }
    }
}

/// Connection ids for the driver's own bookkeeping.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
