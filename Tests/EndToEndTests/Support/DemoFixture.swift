import Foundation

/// A demo store made by the real binary, and the command line that opens it without a screen
/// for the passphrase (read from a file through `--passphrase-fd 3`).
struct DemoFixture {
    let scratch: String
    let store: String
    let passphraseFile: String
    let environment: [String: String]

    /// A copy of the demo store `care demo --no-open` made once for the whole run (making one
    /// costs four scrypt derivations at the real cost; a copy costs nothing).
    init() throws {
        (scratch, store) = try DemoTemplate.copy()
        passphraseFile = scratch + "/pass"
        environment = Fixture.environment(scratch: scratch)
        try "demo\n".write(toFile: passphraseFile, atomically: true, encoding: .utf8)
    }

    func openCommand(user: String = "demo-cp") -> String {
        "\(Fixture.careBinary) --store \(store) --user \(user) --passphrase-fd 3 3<\(passphraseFile)"
    }
}
