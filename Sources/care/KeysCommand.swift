import ArgumentParser
import CareTUI

/// `care keys`: prints the default key bindings as Markdown (the source of docs/keys.md).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the default key bindings as Markdown.")

    func run() throws {
        let markdown = KeysDocument.markdown()
        Say.out(markdown.hasSuffix("\n") ? String(markdown.dropLast()) : markdown)
    }
}
