import CareDomain
import Dispatch
import Foundation

/// Opens and decodes many sealed rows on every core. Opening the caseload is mostly AES-GCM and
/// decoding, row by row and independent, so two cores nearly halve it; a few rows are not worth
/// the threads.
enum ParallelOpening {
    /// Below this many rows everything runs on the calling thread.
    static let threshold = 512
    /// How many rows a caller hands over at a time (their sealed payloads are held until opened).
    static let batch = 4_096

    /// `transform` applied to every row, results in the rows' order; the first error thrown, in
    /// row order, is rethrown.
    static func map<Row: Sendable, Value: Sendable>(
        _ rows: [Row], decoder: JSONDecoder, _ transform: @Sendable (Row, JSONDecoder) throws -> Value
    ) throws -> [Value] {
        try results(rows, decoder: decoder, transform).map { try $0.get() }
    }

    /// Every row's outcome, in the rows' order, so a caller can keep the rows that opened and
    /// say which did not. Each worker gets its own decoder (a `JSONDecoder` is not shared across
    /// threads).
    static func results<Row: Sendable, Value: Sendable>(
        _ rows: [Row], decoder: JSONDecoder, _ transform: @Sendable (Row, JSONDecoder) throws -> Value
    ) -> [Result<Value, any Error>] {
        let workers = min(ParallelMap.cores, 8, rows.count / (threshold / 2))
        guard workers > 1 else { return rows.map { row in Result { try transform(row, decoder) } } }
        return results(rows, context: { RecordCoding.decoder() }) { row, decoder in try transform(row, decoder) }
    }

    /// The same with a context of each worker's own, made by `makeContext` and handed from row to
    /// row (a decoder, or what a worker shares between the rows it decodes).
    static func results<Row: Sendable, Value: Sendable, Context>(
        _ rows: [Row], context makeContext: @Sendable () -> Context, _ transform: @Sendable (Row, inout Context) throws -> Value
    ) -> [Result<Value, any Error>] {
        var results: [Result<Value, any Error>] = []
        results.reserveCapacity(rows.count)
        forEachResult(rows, context: makeContext, transform) { _, result in results.append(result) }
        return results
    }

    /// The same, each row's outcome handed to `body` in the rows' order and given up to it: a
    /// caller that keeps what opened takes each value without a copy (a copy of a decoded
    /// summary retains every string and array it holds, and dropping the original releases
    /// them all again: a sixth of the main thread's load at 5,000 children).
    static func forEachResult<Row: Sendable, Value: Sendable, Context>(
        _ rows: [Row], context makeContext: @Sendable () -> Context, _ transform: @Sendable (Row, inout Context) throws -> Value,
        _ body: (Int, consuming Result<Value, any Error>) -> Void
    ) {
        let workers = min(ParallelMap.cores, 8, rows.count / (threshold / 2))
        guard workers > 1 else {
            var context = makeContext()
            for index in rows.indices { body(index, Result { try transform(rows[index], &context) }) }
            return
        }
        let slots = UnsafeMutableBufferPointer<Result<Value, any Error>?>.allocate(capacity: rows.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        let chunk = (rows.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var context = makeContext()
            // Each worker writes only its own range of slots.
            for index in (worker * chunk)..<min(rows.count, (worker + 1) * chunk) {
                shared[index] = Result { try transform(rows[index], &context) }
            }
        }
        // Moved out, not copied: a copy of a decoded record retains each of its strings and
        // arrays, and destroying the slots releases them again.
        for index in slots.indices { body(index, slots.moveElement(from: index)!) }
    }
}
