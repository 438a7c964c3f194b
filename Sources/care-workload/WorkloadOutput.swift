import CareDomain
import Foundation

/// One line of what the workload reports, written whole with one `write(2)` so a kill can cut
/// the process between lines but never leave half of one.
enum WorkloadLine {
    /// Signed in; the operations start.
    case opened
    /// Operation `step` is about to be handed to the store.
    case begin(step: Int, what: String)
    /// The store acknowledged operation `step`: the record as it was saved, as sorted JSON.
    case ack(step: Int, kind: RecordKind, id: String, version: Int, json: String)
    /// How long the store took over operation `step`'s save (saved or refused), for the load test's figures.
    case took(step: Int, microseconds: Int)
    /// The store refused with a conflict (someone else saved the record first).
    case conflict(step: Int, kind: RecordKind, id: String)
    /// The store refused in words (a rule), or failed.
    case refused(step: Int, words: String)
    case error(step: Int, words: String)
    case finished

    var text: String {
        switch self {
        case .opened: "opened"
        case .begin(let step, let what): "begin\t\(step)\t\(what)"
        case .ack(let step, let kind, let id, let version, let json): "ack\t\(step)\t\(kind.rawValue)\t\(id)\t\(version)\t\(json)"
        case .took(let step, let microseconds): "took\t\(step)\t\(microseconds)"
        case .conflict(let step, let kind, let id): "conflict\t\(step)\t\(kind.rawValue)\t\(id)"
        case .refused(let step, let words): "refused\t\(step)\t\(Self.oneLine(words))"
        case .error(let step, let words): "error\t\(step)\t\(Self.oneLine(words))"
        case .finished: "finished"
        }
    }

    private static func oneLine(_ words: String) -> String {
        words.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
    }
}

/// Standard output, unbuffered: each line reaches the pipe before the next operation starts.
final class WorkloadOutput {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func print(_ line: WorkloadLine) {
        let data = Data((line.text + "\n").utf8)
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { exit(3) }
                offset += written
            }
        }
    }

    /// The acknowledgement of `record` as the store handed it back.
    func acknowledge(step: Int, _ record: AnyRecord) {
        let json = (try? encoder.encode(record.record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        print(.ack(step: step, kind: record.kind, id: record.recordID, version: record.version, json: json))
    }
}
