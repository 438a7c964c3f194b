import CareDomain
import CareTUI
import Foundation
import Testing

/// The catalogue files: the shipped ones say what the compiled-in copies say, and a file with
/// one bad service is refused whole, naming the service.
@Suite struct CatalogueFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shipped(_ name: String) throws -> (text: String, path: String) {
        let path = root.appendingPathComponent("catalogue/\(name)").path
        return (try String(contentsOfFile: path, encoding: .utf8), path)
    }

    @Test func theShippedServicesAreTheGeneratorsStandardCatalogue() throws {
        let file = try Self.shipped("services.toml")
        let services = try CatalogueFile.services(from: file.text, file: file.path)
        func withoutID(_ service: Service) -> Service {
            var copy = service
            copy.id = ServiceID(rawValue: "-")
            return copy
        }
        #expect(services.map(withoutID) == DemoGenerator.standardServices.map(withoutID))
        #expect(Set(services.map(\.category)) == Set(Service.Category.allCases), "every category has a service")
        #expect(services.allSatisfy { $0.name.hasSuffix("(demo)") }, "synthetic, and marked so")
    }

    @Test func theShippedChecklistIsTheDefaultQuestions() throws {
        let file = try Self.shipped("review-checklist.toml")
        #expect(try CatalogueFile.checklist(from: file.text, file: file.path) == CulturalSafetyReview.defaultQuestions)
    }

    static let good = """
        [[service]]
        name = "Test Counselling (synthetic)"
        category = "counselling"
        provider = "Test Provider"
        languages = ["English"]
        region = "Test North"

        """

    /// The second service of a file, with `change` made to one of its fields.
    static func second(_ change: (key: String, line: String)) -> String {
        var fields = [
            ("name", "name = \"Test Second (synthetic)\""), ("category", "category = \"housing\""),
            ("provider", "provider = \"Test Provider\""), ("languages", "languages = [\"English\"]"), ("region", "region = \"Test North\""),
        ]
        if let index = fields.firstIndex(where: { $0.0 == change.key }) { fields[index].1 = change.line } else { fields.append((change.key, change.line)) }
        return "[[service]]\n" + fields.map(\.1).joined(separator: "\n") + "\n"
    }

    @Test(arguments: [
        ("category", "category = \"counseling\"", "category \"counseling\" is not one of: counselling;"),
        ("typo", "culturaly_specific = true", "\"culturaly_specific\" is not a service field"),
        ("indigenous_led", "indigenous_led = \"yes\"", "indigenous_led must be true or false."),
        ("languages", "languages = \"English\"", "languages must be a list"),
        ("provider", "provider = \"  \"", "Name the provider."),
        ("languages", "languages = []", "List at least one language"),
    ])
    func oneBadServiceRefusesTheFileAndNamesIt(key: String, line: String, words: String) {
        let text = Self.good + Self.second((key, line))
        #expect {
            try CatalogueFile.services(from: text, file: "test.toml")
        } throws: { error in
            "\(error)".hasPrefix("test.toml, service 2 (\"Test Second (synthetic)\"): ") && "\(error)".contains(words)
        }
        // The same service without the fault is taken.
        #expect(throws: Never.self) { try CatalogueFile.services(from: Self.good + Self.second(("region", "region = \"Test North\"")), file: "test.toml") }
    }

    @Test func notTOMLSaysWhichLineAndDuplicatesAreRefused() {
        #expect {
            try CatalogueFile.services(from: Self.good + "[[service]\nname = 1\n", file: "broken.toml")
        } throws: { error in
            "\(error)".hasPrefix("broken.toml, line 7: not valid TOML")
        }
        #expect {
            try CatalogueFile.services(from: Self.good + Self.good.replacingOccurrences(of: "Test Counselling", with: "TEST counselling"), file: "twice.toml")
        } throws: { error in
            "\(error)" == "twice.toml, service 2 (\"TEST counselling (synthetic)\"): the name is listed twice."
        }
        #expect(throws: CatalogueFile.Problem.self) { try CatalogueFile.checklist(from: "questions = []", file: "empty.toml") }
    }

    @Test func textFromTheFileIsSanitized() throws {
        let hostile = Self.good.replacingOccurrences(of: "Test Provider", with: "Test \\u001B[31mProvider\\u202E")
        let services = try CatalogueFile.services(from: hostile, file: "hostile.toml")
        #expect(!services[0].provider.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func anImportUpdatesAServiceOfTheSameNameAndAddsTheRest() throws {
        let existing = [Service(id: ServiceID(rawValue: "kept"), version: 3, name: "Family Support Circle (démo)", category: .familySupport,
                                provider: "Old provider", region: "Old region")]
        let imported = [
            Service(name: "family support circle (DEMO)", category: .familySupport, provider: "New provider", region: "New region"),
            Service(name: "Test New Service (synthetic)", category: .housing, provider: "Test", region: "Test"),
        ]
        let matched = CatalogueFile.matched(imported, existing: existing)
        #expect(matched[0].id == ServiceID(rawValue: "kept") && matched[0].version == 3 && matched[0].provider == "New provider")
        #expect(matched[1].version == 0 && matched[1].id != ServiceID(rawValue: "kept"))
    }
}
