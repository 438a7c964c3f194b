import Foundation
import Testing

/// `care init` seeds the catalogue from `catalogue/`; `care services import` and `checklist`
/// change it as a supervisor, all or nothing, naming the bad row.
@Suite struct ServicesCommandTests {
    static let passphrase = "supervisor test passphrase\n"

    /// A new unit's store made by `care init`.
    func initStore() throws -> (scratch: String, store: String) {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/tst.care"
        let created = try CareRun.care("init", "--unit", "TST", "--admin", "sup.testcase", "--store", store, "--passphrase-fd", "3",
                                       inputs: [3: Self.passphrase], environment: Fixture.environment(scratch: scratch))
        #expect(created.succeeded, "\(created)")
        #expect(created.stdout.contains("The services catalogue has 12 services and the review checklist 6 questions"), "\(created)")
        return (scratch, store)
    }

    func services(_ verb: String, _ args: String..., store: String, scratch: String) throws -> CareRun {
        try CareRun.run([Fixture.careBinary, "services", verb] + args + ["--store", store, "--as", "sup.testcase", "--passphrase-fd", "3"],
                        inputs: [3: Self.passphrase], environment: Fixture.environment(scratch: scratch))
    }

    @Test func initSeedsTheShippedCatalogueAndAnImportWithOneBadServiceChangesNothing() throws {
        let (scratch, store) = try initStore()
        let listed = try services("list", store: store, scratch: scratch)
        #expect(listed.succeeded, "\(listed)")
        #expect(listed.stdout.contains("Example Healing Lodge (demo)\tIndigenous healing and ceremony\t"))
        #expect(listed.stdout.contains("  6. Location and travel are feasible (fly-in and remote communities)"))

        let bad = scratch + "/bad.toml"
        try """
            [[service]]
            name = "Test Youth Shelter (synthetic)"
            category = "housing"
            provider = "Test Provider"
            languages = ["English"]
            region = "Test North"

            [[service]]
            name = "Test Misfiled Service (synthetic)"
            category = "counseling"
            provider = "Test Provider"
            languages = ["English"]
            region = "Test North"
            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let before = StoreBytes(of: store)
        let refused = try services("import", bad, store: store, scratch: scratch)
        #expect(!refused.succeeded)
        #expect(refused.output.contains("Nothing imported: "), "\(refused)")
        #expect(refused.output.contains("service 2 (\"Test Misfiled Service (synthetic)\"): category \"counseling\" is not one of"), "\(refused)")
        #expect(StoreBytes(of: store) == before, "nothing was written, not even a sign-in")

        let good = scratch + "/good.toml"
        try """
            [[service]]
            name = "Test Youth Shelter (synthetic)"
            category = "housing"
            provider = "Test Provider"
            languages = ["English"]
            region = "Test North"

            [[service]]
            name = "Youth Housing (DEMO)"
            category = "housing"
            provider = "Sample Youth Housing (demo)"
            languages = ["English", "French"]
            region = "Test South (synthetic)"
            """.write(toFile: good, atomically: true, encoding: .utf8)
        let imported = try services("import", good, store: store, scratch: scratch)
        #expect(imported.succeeded, "\(imported)")
        #expect(imported.stdout.contains("Imported 2 services: 1 new, 1 updated."), "\(imported)")
        let after = try services("list", store: store, scratch: scratch).stdout
        #expect(after.contains("Test Youth Shelter (synthetic)\thousing\tTest Provider"))
        #expect(after.contains("Youth Housing (DEMO)\thousing\tSample Youth Housing (demo)\t\tEnglish, French\tTest South (synthetic)"))
        let housing = after.split(separator: "\n").filter { $0.lowercased().hasPrefix("youth housing (demo)\t") }
        #expect(housing.count == 1, "updated in place, not added twice: \(housing)")

        let checklist = scratch + "/checklist.toml"
        try "questions = [\"Test question one (synthetic)\", \"Test question two (synthetic)\"]\n"
            .write(toFile: checklist, atomically: true, encoding: .utf8)
        let replaced = try services("checklist", checklist, store: store, scratch: scratch)
        #expect(replaced.succeeded, "\(replaced)")
        let final = try services("list", store: store, scratch: scratch).stdout
        #expect(final.contains("  2. Test question two (synthetic)") && !final.contains("  3. "))
    }
}
