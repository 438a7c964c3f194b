import ArgumentParser
import CareDomain
import CareStore
import CareTUI
import Foundation
import TextUI

/// `care services list|import|checklist`: the unit's services catalogue and its cultural-safety
/// review checklist, both kept in the store. Supervisors change them.
struct ServicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "The services catalogue and the review checklist (supervisors change them).",
        subcommands: [List.self, Import.self, Checklist.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the services (tab-separated) and the checklist's questions.")
        @OptionGroup var login: LoginOptions

        func run() throws {
            let snapshot = try login.open().loadCatalogue()
            for service in snapshot.services {
                var marks: [String] = []
                if service.indigenousLed { marks.append("Indigenous-led") }
                if service.culturallySpecific { marks.append("culturally specific") }
                let fields = [service.name, service.category.rawValue, service.provider, marks.joined(separator: ", "),
                              service.languages.joined(separator: ", "), service.region]
                print(fields.map { Sanitizer.clean($0) }.joined(separator: "\t"))
            }
            print("Review checklist:")
            for (n, question) in snapshot.checklistQuestions.enumerated() { print("  \(n + 1). \(Sanitizer.clean(question))") }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import services from a TOML file (see catalogue/services.toml): a service with a name already in the catalogue is updated, the rest are added; one bad service imports nothing.")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The services file.") var file: String

        func run() throws {
            let imported: [Service]
            do {
                imported = try CatalogueFile.services(from: CatalogueFile.read(file), file: Sanitizer.clean(file))
            } catch {
                throw CommandFailure.words("Nothing imported: \(error.description)")
            }
            let store = try login.open()
            let services = CatalogueFile.matched(imported, existing: try store.loadCatalogue().services)
            let outcome = try store.perform(.importServices(services))
            print("Imported \(services.count) services: \(outcome.summary.replacingOccurrences(of: "services catalogue imported: ", with: "")).")
        }
    }

    struct Checklist: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the unit's cultural-safety review checklist from a TOML file (see catalogue/review-checklist.toml); referrals already drafted keep their questions.")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The checklist file.") var file: String

        func run() throws {
            let questions: [String]
            do {
                questions = try CatalogueFile.checklist(from: CatalogueFile.read(file), file: Sanitizer.clean(file))
            } catch {
                throw CommandFailure.words("Nothing changed: \(error.description)")
            }
            let store = try login.open()
            let current = try store.loadCatalogue().checklist
            _ = try store.perform(.saveChecklist(ReviewChecklist(version: current?.version ?? 0, questions: questions)))
            print("The review checklist now has \(questions.count) questions; new referrals ask them.")
        }
    }
}

/// The catalogue a new store starts with: from `--catalogue DIR`, else the one shipped in
/// `catalogue/`, read before anything is created so a bad file creates nothing.
enum SeedCatalogue {
    static func load(directory: String?) throws -> (services: [Service], questions: [String]) {
        do {
            guard let directory else { return try CatalogueFile.bundled() }
            let services = (directory as NSString).appendingPathComponent("services.toml")
            let checklist = (directory as NSString).appendingPathComponent("review-checklist.toml")
            return (try CatalogueFile.services(from: CatalogueFile.read(services), file: services),
                    try CatalogueFile.checklist(from: CatalogueFile.read(checklist), file: checklist))
        } catch {
            throw CommandFailure.words("The catalogue could not be read, so nothing was created: \(error.description)")
        }
    }
}
