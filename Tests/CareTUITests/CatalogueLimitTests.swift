import CareDomain
import CareTUI
import Foundation
import Testing

/// Issue 22, item 8: an imported catalogue's fields are bounded. A file whose provider is a
/// megabyte long, or that lists thousands of languages, is refused in words that name the field
/// and the limit, never the value, and nothing is imported.
@Suite struct CatalogueLimitTests {
    typealias Limits = CatalogueFile.Limits

    static func file(_ line: (key: String, line: String)) -> String {
        CatalogueFileTests.good + CatalogueFileTests.second(line)
    }

    @Test func aFieldLongerThanItsLimitIsRefusedWithoutEchoingIt() {
        let long = String(repeating: "x", count: Limits.textCharacters + 1)
        for key in ["provider", "region"] {
            #expect {
                try CatalogueFile.services(from: Self.file((key, "\(key) = \"\(long)\"")), file: "long.toml")
            } throws: { error in
                "\(error)" == "long.toml, service 2 (\"Test Second (synthetic)\"): \(key) is \(Limits.textCharacters + 1) characters long; "
                    + "it may be at most \(Limits.textCharacters)."
            }
        }
        // A name too long is named by the service's number alone.
        #expect {
            try CatalogueFile.services(from: Self.file(("name", "name = \"\(long)\"")), file: "long.toml")
        } throws: { error in
            "\(error)".hasPrefix("long.toml, service 2: name is") && !"\(error)".contains(long)
        }
        // At the limit, it is taken.
        let atLimit = String(repeating: "y", count: Limits.textCharacters)
        #expect(throws: Never.self) { try CatalogueFile.services(from: Self.file(("provider", "provider = \"\(atLimit)\"")), file: "ok.toml") }
    }

    @Test func tooManyOrTooLongLanguagesAndQuestionsAreRefused() {
        let many = "languages = [" + (0...Limits.languages).map { "\"L\($0)\"" }.joined(separator: ", ") + "]"
        #expect {
            try CatalogueFile.services(from: Self.file(("languages", many)), file: "many.toml")
        } throws: { error in
            "\(error)".hasSuffix("\(Limits.languages + 1) languages are listed; at most \(Limits.languages) may be.")
        }
        let longLanguage = "languages = [\"English\", \"\(String(repeating: "z", count: Limits.languageCharacters + 1))\"]"
        #expect {
            try CatalogueFile.services(from: Self.file(("languages", longLanguage)), file: "lang.toml")
        } throws: { error in
            "\(error)".hasSuffix("language 2 is \(Limits.languageCharacters + 1) characters long; it may be at most \(Limits.languageCharacters).")
        }
        let longQuestion = "questions = [\"\(String(repeating: "q", count: Limits.questionCharacters + 1))\"]"
        #expect {
            try CatalogueFile.checklist(from: longQuestion, file: "check.toml")
        } throws: { error in
            "\(error)" == "check.toml, question 1: it is \(Limits.questionCharacters + 1) characters long; a question may be at most \(Limits.questionCharacters)."
        }
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-catalogue-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.toml").path
        let padding = "# " + String(repeating: "-", count: 999) + "\n"
        try (CatalogueFileTests.good + String(repeating: padding, count: Limits.fileBytes / 1_000 + 1)).write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try CatalogueFile.read(path)
        } throws: { error in
            "\(error)".hasSuffix("a catalogue file may be at most \(Limits.fileBytes) bytes.")
        }
    }
}
