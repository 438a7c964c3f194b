import Foundation

/// A demo store made by the real binary, and the command line that opens it without a screen
/// for the passphrase (read from a file through `--passphrase-fd 3`).
struct DemoFixture {
    let scratch: String
    let store: String
    let passphraseFile: String
    let environment: [String: String]

    init() throws {
        scratch = try Fixture.scratchDirectory()
        store = scratch + "/demo.care"
        passphraseFile = scratch + "/pass"
        environment = Fixture.environment(scratch: scratch)
        try "demo\n".write(toFile: passphraseFile, atomically: true, encoding: .utf8)
        try Shell.run([Fixture.careBinary, "demo", "--no-open", "--store", store])
    }

    func openCommand(user: String = "demo-cp") -> String {
        "\(Fixture.careBinary) --store \(store) --user \(user) --passphrase-fd 3 3<\(passphraseFile)"
    }
}
