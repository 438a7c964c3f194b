import CareDomain
import Foundation
import TextUI
import TOMLKit

/// The catalogue files a store is seeded from and a supervisor imports: `services.toml` (the
/// services a child can be referred to) and `review-checklist.toml` (the cultural-safety review's
/// questions). Every text is sanitized; anything wrong is named with the file and the service's
/// number and name, and nothing is returned, so an import with one bad row imports nothing.
public enum CatalogueFile {
    /// Why a catalogue file was refused, in words that name the file and the row.
    public struct Problem: ErrorInWords, Equatable {
        public let description: String
    }

    static let serviceFields: Set<String> = ["name", "category", "provider", "indigenous_led", "culturally_specific", "languages", "region"]

    /// How much an imported file may hold: a service's name, provider and region, each language
    /// and a checklist question are a line on a screen, not a document; a file past these is
    /// refused in words (naming the field and the limit, never the value), so a file of
    /// megabyte-long names cannot fill the store or every screen that lists the catalogue.
    public enum Limits {
        public static let fileBytes = 1_000_000
        public static let services = 500
        public static let textCharacters = 200
        public static let languages = 20
        public static let languageCharacters = 60
        public static let questions = 50
        public static let questionCharacters = 500
    }

    /// Every `[[service]]` of a services file, each with a new id.
    public static func services(from text: String, file: String) throws(Problem) -> [Service] {
        let root = try table(text, file: file)
        return try withExtendedLifetime(root) { () throws(Problem) -> [Service] in
            if let unknown = root.keys.first(where: { $0 != "service" }) {
                throw Problem(description: "\(file): \"\(unknown)\" is not part of a services file; list each service under [[service]].")
            }
            guard let rows = root["service"]?.array, !rows.isEmpty else {
                throw Problem(description: "\(file) lists no services; list each one under [[service]].")
            }
            guard rows.count <= Limits.services else {
                throw Problem(description: "\(file) lists \(rows.count) services; a file may list at most \(Limits.services).")
            }
            var services: [Service] = []
            for (index, value) in rows.enumerated() {
                guard let row = value.table else {
                    throw Problem(description: "\(file), service \(index + 1): write each service as a [[service]] table.")
                }
                services.append(try service(row, number: index + 1, file: file))
            }
            var seen = Set<String>()
            for (index, service) in services.enumerated() where !seen.insert(TextFold.fold(service.name)).inserted {
                throw Problem(description: "\(file), service \(index + 1) (\"\(service.name)\"): the name is listed twice.")
            }
            return services
        }
    }

    private static func service(_ row: TOMLTable, number: Int, file: String) throws(Problem) -> Service {
        let fullName = row["name"]?.string.map { Sanitizer.clean($0).trimmingCharacters(in: .whitespaces) } ?? ""
        // A name too long to be named in the words is named by its number alone.
        let name = fullName.count <= Limits.textCharacters ? fullName : ""
        func fail(_ what: String) -> Problem {
            Problem(description: "\(file), service \(number)\(name.isEmpty ? "" : " (\"\(name)\")"): \(what)")
        }
        if let unknown = row.keys.sorted().first(where: { !serviceFields.contains($0) }) {
            throw fail("\"\(unknown)\" is not a service field (fields: \(serviceFields.sorted().joined(separator: ", "))).")
        }
        func text(_ key: String) throws(Problem) -> String {
            guard let value = row[key] else { return "" }
            guard let string = value.string else { throw fail("\(key) must be text in quotes.") }
            let cleaned = Sanitizer.clean(string).trimmingCharacters(in: .whitespaces)
            guard cleaned.count <= Limits.textCharacters else {
                throw fail("\(key) is \(cleaned.count) characters long; it may be at most \(Limits.textCharacters).")
            }
            return cleaned
        }
        func flag(_ key: String) throws(Problem) -> Bool {
            guard let value = row[key] else { return false }
            guard let bool = value.bool else { throw fail("\(key) must be true or false.") }
            return bool
        }
        let categoryName = try text("category")
        guard let category = Service.Category.allCases.first(where: { TextFold.fold($0.rawValue) == TextFold.fold(categoryName) }) else {
            let names = Service.Category.allCases.map(\.rawValue).joined(separator: "; ")
            throw fail(categoryName.isEmpty ? "give a category (one of: \(names))." : "category \"\(categoryName)\" is not one of: \(names).")
        }
        var languages: [String] = []
        if let value = row["languages"] {
            guard let array = value.array else { throw fail("languages must be a list, like [\"English\", \"Oji-Cree\"].") }
            guard array.count <= Limits.languages else {
                throw fail("\(array.count) languages are listed; at most \(Limits.languages) may be.")
            }
            for (index, item) in array.enumerated() {
                guard let language = item.string else { throw fail("each language must be text in quotes.") }
                let cleaned = Sanitizer.clean(language).trimmingCharacters(in: .whitespaces)
                guard cleaned.count <= Limits.languageCharacters else {
                    throw fail("language \(index + 1) is \(cleaned.count) characters long; it may be at most \(Limits.languageCharacters).")
                }
                languages.append(cleaned)
            }
        }
        let service = Service(
            name: try text("name"), category: category, provider: try text("provider"), indigenousLed: try flag("indigenous_led"),
            culturallySpecific: try flag("culturally_specific"), languages: languages, region: try text("region"))
        if let problem = ServiceRules.problems(service).first { throw fail(problem.message) }
        return service
    }

    /// The questions of a review-checklist file.
    public static func checklist(from text: String, file: String) throws(Problem) -> [String] {
        let root = try table(text, file: file)
        return try withExtendedLifetime(root) { () throws(Problem) -> [String] in
            if let unknown = root.keys.first(where: { $0 != "questions" }) {
                throw Problem(description: "\(file): \"\(unknown)\" is not part of a checklist file; list the questions as questions = [...].")
            }
            guard let array = root["questions"]?.array else {
                throw Problem(description: "\(file): list the questions as questions = [\"...\", \"...\"].")
            }
            guard array.count <= Limits.questions else {
                throw Problem(description: "\(file) lists \(array.count) questions; a checklist may have at most \(Limits.questions).")
            }
            var questions: [String] = []
            for (index, item) in array.enumerated() {
                guard let question = item.string else { throw Problem(description: "\(file), question \(index + 1): write it as text in quotes.") }
                let cleaned = Sanitizer.clean(question).trimmingCharacters(in: .whitespaces)
                guard cleaned.count <= Limits.questionCharacters else {
                    throw Problem(description: "\(file), question \(index + 1): it is \(cleaned.count) characters long; "
                        + "a question may be at most \(Limits.questionCharacters).")
                }
                questions.append(cleaned)
            }
            if let problem = ChecklistRules.problems(ReviewChecklist(questions: questions)).first {
                throw Problem(description: "\(file): \(problem)")
            }
            return questions
        }
    }

    private static func table(_ text: String, file: String) throws(Problem) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Problem(description: "\(file), line \(error.source.begin.line): not valid TOML (\(Sanitizer.clean(error.description))).")
        } catch {
            throw Problem(description: "\(file) is not valid TOML.")
        }
    }

    /// Reads a file as UTF-8 text, or says why not.
    public static func read(_ path: String) throws(Problem) -> String {
        // The size first, so a huge file is refused without being read into memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > Limits.fileBytes {
            throw Problem(description: "\(Sanitizer.clean(path)) is \(size) bytes; a catalogue file may be at most \(Limits.fileBytes) bytes.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(Sanitizer.clean(path)) cannot be read (no such file, or no permission).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(Sanitizer.clean(path)) is not UTF-8 text.")
        }
        return text
    }

    // MARK: Where the shipped files are

    /// The `catalogue/` folder shipped with the program: `$CARE_CATALOGUE_DIR`, else one holding
    /// `services.toml` found walking up from the executable, then from the current directory.
    public static func bundledDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = Bundle.main.executablePath,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        if let configured = environment["CARE_CATALOGUE_DIR"], !configured.isEmpty { return configured }
        var starts: [String] = []
        if let executablePath {
            starts.append(((executablePath as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent)
        }
        starts.append(currentDirectory)
        for start in starts {
            var directory = (start as NSString).standardizingPath
            while true {
                let catalogue = (directory as NSString).appendingPathComponent("catalogue")
                if FileManager.default.fileExists(atPath: (catalogue as NSString).appendingPathComponent("services.toml")) { return catalogue }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory || parent.isEmpty { break }
                directory = parent
            }
        }
        return nil
    }

    /// The shipped catalogue: its services and checklist questions, or why they cannot be read.
    public static func bundled() throws(Problem) -> (services: [Service], questions: [String]) {
        guard let directory = bundledDirectory() else {
            throw Problem(description: "The catalogue folder (catalogue/services.toml) was not found next to the program; set CARE_CATALOGUE_DIR.")
        }
        let servicesPath = (directory as NSString).appendingPathComponent("services.toml")
        let checklistPath = (directory as NSString).appendingPathComponent("review-checklist.toml")
        return (try services(from: read(servicesPath), file: servicesPath), try checklist(from: read(checklistPath), file: checklistPath))
    }
}

extension CatalogueFile {
    /// The services of a file as an import saves them: one whose name (case and accents aside)
    /// is already in the catalogue replaces it (its id and the version read), the rest are new.
    public static func matched(_ imported: [Service], existing: [Service]) -> [Service] {
        let byName = Dictionary(existing.map { (TextFold.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        return imported.map { service in
            guard let current = byName[TextFold.fold(service.name)] else { return service }
            var replacing = service
            replacing.id = current.id
            replacing.version = current.version
            return replacing
        }
    }
}
