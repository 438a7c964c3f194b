import CareDomain
import CarePostgres
import CareStore
import Foundation

// A test tool, not part of the product: the end-to-end reliability tests start it as a child
// process, kill it or run several at once, and check the store against what it printed.
//
//   care-workload mixed   --store PATH --account NAME [--seed N] [--operations N]
//   care-workload contend --store PATH|postgres://… --account NAME --worker W --edits N --children ID,ID,…
//
// The passphrase is the first line of standard input. Every line printed is one `WorkloadLine`.

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ words: String) -> Never {
    FileHandle.standardError.write(Data("care-workload: \(words)\n".utf8))
    exit(2)
}

guard let mode = arguments.first, let path = option("store"), let account = option("account") else {
    fail("usage: care-workload mixed|contend --store PATH --account NAME …")
}
// A file-size limit set by a test must fail writes (EFBIG), as `care` lets it, not end the process.
signal(SIGXFSZ, SIG_IGN)
let passphrase = readLine(strippingNewline: true) ?? ""
let out = WorkloadOutput()

let store: any CaseStore
do {
    if PostgresAddress.isPostgres(path) {
        let options = PostgresCaseStore.Options(address: try PostgresAddress(path), kdfCost: .testOnly, listens: false)
        store = try PostgresCaseStore.open(options: options, account: account, passphrase: passphrase)
    } else {
        store = try SQLiteCaseStore.open(options: StoreOptions(path: path, kdfCost: .testOnly), account: account, passphrase: passphrase)
    }
} catch {
    out.print(.error(step: 0, words: String(describing: error)))
    exit(1)
}
out.print(.opened)

switch mode {
case "mixed":
    guard let store = store as? SQLiteCaseStore else { fail("mixed runs on a store file") }
    var workload = MixedWorkload(store: store, out: out, seed: UInt64(option("seed") ?? "1") ?? 1)
    workload.run(operations: Int(option("operations") ?? "") ?? Int.max)
case "contend":
    guard let worker = option("worker"), let edits = option("edits").flatMap(Int.init),
          let children = option("children")?.split(separator: ",").map({ ChildID(rawValue: String($0)) }), !children.isEmpty
    else { fail("contend needs --worker, --edits and --children") }
    ContendedEdits(store: store, out: out, worker: worker, children: children).run(edits: edits)
default:
    fail("unknown mode \(mode)")
}
try? (store as? SQLiteCaseStore)?.close()
(store as? PostgresCaseStore)?.close()
out.print(.finished)
