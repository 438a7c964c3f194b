import Foundation
import Testing

/// `care bench` itself, on a tiny unit, so the benchmark cannot rot between the times someone
/// measures with it. Nothing here asserts a duration: only that every measure ran and reported.
@Suite struct BenchCommandTests {
    /// The parts of `care bench --json` a script reads.
    struct Report: Decodable {
        struct Samples: Decodable {
            var milliseconds: [Double]
            var median: Double
            var p99: Double
        }

        struct Size: Decodable {
            var children: Int
            var contacts: Int
            var kdf, unlock, load, firstFrame, openAfterKDF, finishAfterFirstFrame, wholeAfterKDF: Samples
            var filterLetter, filterName, filterBackspace, down, openRecord, save, openRecordFrame, saveFrame, diskSync: Samples
            struct NameKey: Decodable {
                struct Place: Decodable { var word, letter: Int }
                var place: Place
                var milliseconds, cpuMilliseconds: Double
                var shown: Int
            }

            var filterNameKeys: [NameKey]
            var changedCellBytesPerDown: Double
            var framesForBurst: Int
            var peakResidentMegabytes, peakAtFirstFrameMegabytes, appHeapMegabytes, snapshotHeapMegabytes: Double
            struct Part: Decodable {
                var part: String
                var megabytes: Double
            }
            var snapshotParts: [Part]
        }

        var samples: Int
        var sizes: [Size]
    }

    @Test func benchMeasuresEveryFigureOnAFiftyChildUnit() throws {
        let scratch = try Fixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let run = try CareRun.care(
            "bench", "--sizes", "50", "--samples", "4", "--open-samples", "2", "--json", "--directory", scratch + "/bench",
            "--search-fields", scratch + "/fields", environment: Fixture.environment(scratch: scratch))
        #expect(run.succeeded, "\(run)")

        let report = try JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8))
        let size = try #require(report.sizes.first)
        #expect(report.sizes.count == 1)
        #expect(size.children == 50)
        #expect(size.contacts > 0)
        for opening in [size.kdf, size.unlock, size.load, size.firstFrame, size.openAfterKDF, size.finishAfterFirstFrame, size.wholeAfterKDF] {
            #expect(opening.milliseconds.count == 2)
        }
        // The work left for after the first frame is counted in the whole, never dropped.
        for (open, finish, whole) in zip(size.openAfterKDF.milliseconds, zip(size.finishAfterFirstFrame.milliseconds, size.wholeAfterKDF.milliseconds))
            .map({ ($0, $1.0, $1.1) }) {
            #expect(finish > 0 && abs(whole - (open + finish)) < 0.01)
        }
        for keystrokes in [size.filterLetter, size.down, size.openRecord, size.save, size.openRecordFrame, size.saveFrame, size.diskSync] {
            #expect(keystrokes.milliseconds.count == 4)
        }
        // Whole names typed key by key, and every key taken out again with backspace.
        #expect(size.filterName.milliseconds.count > 2)
        #expect(size.filterBackspace.milliseconds.count == size.filterLetter.milliseconds.count + size.filterName.milliseconds.count)
        // The same keys by their place in the name: each name starts at its first word's first letter.
        #expect(size.filterNameKeys.count == size.filterName.milliseconds.count)
        #expect(size.filterNameKeys.first.map { ($0.place.word, $0.place.letter) } ?? (0, 0) == (1, 1))
        #expect(size.filterNameKeys.allSatisfy { $0.place.word >= 1 && $0.cpuMilliseconds >= 0 && $0.shown <= size.children })
        for samples in [size.kdf, size.load, size.filterName, size.down, size.save, size.saveFrame, size.openRecordFrame, size.diskSync] {
            #expect(samples.milliseconds.allSatisfy { $0 > 0 })
            #expect(samples.median <= samples.p99 && samples.p99 == samples.milliseconds.max())
        }
        #expect(size.changedCellBytesPerDown > 0)
        #expect(size.framesForBurst == 1, "a burst of keys read in one turn is one frame")
        #expect(size.peakResidentMegabytes > 0)
        #expect(size.peakAtFirstFrameMegabytes > 0 && size.peakAtFirstFrameMegabytes <= size.peakResidentMegabytes)
        // The app holds its snapshot and the dashboard made of it: more than a snapshot alone.
        #expect(size.snapshotHeapMegabytes > 0 && size.appHeapMegabytes > size.snapshotHeapMegabytes)
        // Its parts, dropped one by one, give back all of it (malloc's count moves in whole blocks).
        #expect(size.snapshotParts.map(\.part).contains("referrals") && size.snapshotParts.last?.part == "children (profiles)")
        #expect(size.snapshotParts.allSatisfy { $0.megabytes >= 0 })
        #expect(abs(size.snapshotParts.map(\.megabytes).reduce(0, +) - size.snapshotHeapMegabytes) < 0.25)

        // The searchable fields, one line per child, for grep and fzf; the store is kept for reuse.
        let fields = try String(contentsOfFile: scratch + "/fields/fields-50.txt", encoding: .utf8)
        #expect(fields.split(separator: "\n").count == 50)
        #expect(FileManager.default.fileExists(atPath: scratch + "/bench/bench-50.care"))
        // The disk's own timing leaves no scratch file beside the store.
        let beside = try FileManager.default.contentsOfDirectory(atPath: scratch + "/bench")
        #expect(!beside.contains { $0.hasPrefix(".bench-sync") }, "\(beside)")
    }

    @Test func benchRefusesSizesThatAreNotNumbersInWords() throws {
        let run = try CareRun.care("bench", "--sizes", "500,lots")
        #expect(!run.succeeded)
        #expect(run.stderr.contains("--sizes takes positive numbers"), "\(run)")
    }

    /// A search-fields file that cannot be written is said in words, and the bench fails rather
    /// than leave bench-compare timing grep and fzf over nothing.
    @Test func aSearchFieldsFileThatCannotBeWrittenIsSaidInWords() throws {
        let scratch = try Fixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A folder where the file should go: creating the file fails.
        try FileManager.default.createDirectory(atPath: scratch + "/fields/fields-50.txt", withIntermediateDirectories: true)
        let run = try CareRun.care(
            "bench", "--sizes", "50", "--samples", "2", "--open-samples", "1", "--json", "--directory", scratch + "/bench",
            "--search-fields", scratch + "/fields", environment: Fixture.environment(scratch: scratch))
        #expect(!run.succeeded)
        #expect(run.stderr.contains("Could not write the search fields to \(scratch)/fields/fields-50.txt"), "\(run)")
        #expect(run.stderr.contains("The measuring process failed (exit 1); its reason is above."), "\(run)")
        #expect(!run.stderr.contains("Usage:"), "\(run)")
    }
}
