import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Every form: valid input saves through the store; each invalid input is named beside its field,
/// in words; editing keys move the cursor, which the terminal shows.
@MainActor
@Suite struct FormTests {
    /// A demo unit in memory, a child protection worker's session and a form context at demo time.
    @MainActor
    struct Bench {
        let database = Harness.makeDatabase()
        let store: InMemoryCaseStore
        let context: FormContext

        init(user: String = "demo-cp") throws {
            store = try InMemoryCaseStore(database: database, account: user, passphrase: Harness.passphrase, clock: FixedClock(Harness.demoNow))
            context = FormContext(now: Harness.demoNow, zone: .gmt, worker: store.worker, unit: "KEN", snapshot: try store.loadCaseload())
        }

        var snapshot: CaseloadSnapshot { context.snapshot }

        /// The handover the demo saved for the shift before the one on now.
        func demoHandover() throws -> Handover? {
            try store.loadHandover(ShiftPattern.standard.shift(containing: Harness.demoNow, zone: .gmt).previous.handoverID)?.handover
        }

        func screen(_ form: any CaseForm, _ values: [String: String] = [:]) -> FormScreen {
            var screen = FormScreen(id: 1, form: form, context: context)
            for (field, value) in values { screen.set(field, to: value) }
            return screen
        }

        /// Submits the form with `values` and performs its command; fails the test when the form
        /// or the store refuses.
        @discardableResult
        func save(_ form: any CaseForm, _ values: [String: String] = [:], confirming: Bool = false) throws -> CommandOutcome {
            var screen = screen(form, values)
            switch screen.submit(in: context) {
            case .command(let command): return try store.perform(command)
            case .confirm(let question, let command):
                #expect(confirming, "unexpected question: \(question)")
                return try store.perform(command)
            case .invalid:
                throw FormRefused(errors: screen.fields.compactMap { $0.error.map { "\($0)" } })
            }
        }

        /// The fields that carry an error after submitting `values`.
        func errors(_ form: any CaseForm, _ values: [String: String]) -> [String: String] {
            var screen = screen(form, values)
            if case .invalid = screen.submit(in: context) {} else { return [:] }
            return Dictionary(screen.fields.compactMap { field in field.error.map { (field.id, $0) } }, uniquingKeysWith: { a, _ in a })
        }

        /// Every child's whole record, in caseload order (the snapshot holds their summaries).
        var children: [Child] {
            snapshot.children.compactMap { database.record(Child.self, id: $0.id.rawValue) }
        }

        func child(where condition: (Child) -> Bool = { _ in true }) throws -> Child {
            guard let found = children.first(where: condition) else { throw FormRefused(errors: ["no such child"]) }
            return found
        }
    }

    struct FormRefused: Error { let errors: [String] }

    @Test func contactForm() throws {
        let bench = try Bench()
        let child = try bench.child()
        let saved = try bench.save(ContactForm(child: child.id), ["summary": "Synthetic check-in", "location": "Test library"])
        #expect(saved.record?.as(Contact.self)?.summary == "Synthetic check-in")
        #expect(bench.errors(ContactForm(child: child.id), ["summary": "x", "when": "2099-01-01 10:00"]).keys.sorted() == ["when"])
        #expect(bench.errors(ContactForm(child: child.id), ["summary": "x", "when": "yesterday"])["when"]?.contains("not a time") == true)
        #expect(bench.errors(ContactForm(child: child.id), ["summary": "  "]).keys.sorted() == ["summary"])
    }

    @Test func missingReportForm() throws {
        let bench = try Bench()
        let child = try bench.child { bench.snapshot.openEpisode(of: $0.id) == nil }
        let form = MissingReportForm(child: child.id)
        let saved = try bench.save(form, ["lastSeenPlace": "Test bus depot", "lastSeenAt": "21:00", "circumstances": "With an older test friend"])
        #expect(saved.record?.as(MissingEpisode.self)?.notes == "With an older test friend")
        #expect(bench.errors(form, ["lastSeenPlace": "x", "reportedAt": "2026-11-23 20:00", "lastSeenAt": "2026-11-23 21:00"]).keys.sorted() == ["lastSeenAt"])
        #expect(bench.errors(form, ["lastSeenPlace": ""]).keys.sorted() == ["lastSeenPlace"])
        #expect(bench.errors(form, ["lastSeenPlace": "x", "policeService": "Test Police"]).keys.sorted() == ["policeReportedAt"])
        #expect(bench.errors(form, ["lastSeenPlace": "x", "occurrence": "TP-1"]).keys.sorted() == ["policeService"])
    }

    @Test func missingEpisodeForm() throws {
        let bench = try Bench()
        let episode = try #require(bench.snapshot.episodes.values.joined().first { $0.isOpen })
        let form = MissingEpisodeForm(episode: episode)
        let lastSeen = TimeText.format(episode.lastSeenAt, zone: .gmt)
        #expect(bench.errors(form, ["locatedAt": "2020-01-01 00:00", "locatedPlace": "Test mall"]).keys.sorted() == ["locatedAt"])
        #expect(bench.errors(form, ["locatedAt": lastSeen, "locatedPlace": ""]).keys.sorted() == ["locatedPlace"])
        let saved = try bench.save(form, ["locatedAt": TimeText.format(Harness.demoNow, zone: .gmt), "locatedPlace": "Test mall",
                                          "returnedTo": "Test group home"])
        #expect(saved.record?.as(MissingEpisode.self)?.located?.place == "Test mall")
    }

    @Test func debriefForm() throws {
        let bench = try Bench()
        let episode = try #require(bench.snapshot.episodes.values.joined().first { $0.located != nil && $0.debrief == nil })
        let form = DebriefForm(episode: episode)
        #expect(bench.errors(form, ["on": "2000-01-01 00:00"]).keys.sorted() == ["on"])
        let saved = try bench.save(form, ["notes": "Talked about the test hotel"])
        let debriefed = try #require(saved.record?.as(MissingEpisode.self))
        #expect(debriefed.debrief?.notes == "Talked about the test hotel")
        #expect(debriefed.notes == episode.notes, "the debrief does not write over the episode's own notes")
    }

    @Test func indicatorForms() throws {
        let bench = try Bench()
        let child = try bench.child()
        let add = IndicatorForm(child: child.id)
        #expect(bench.errors(add, ["kind": "other", "other": ""]).keys.sorted() == ["other"])
        #expect(bench.errors(add, ["observedOn": "2099-01-01"]).keys.sorted() == ["observedOn"])
        #expect(bench.errors(add, ["observedOn": "23/11/2026"])["observedOn"]?.contains("not a date") == true)
        let saved = try bench.save(add, ["kind": "other", "other": "New test phone"])
        let indicator = try #require(saved.record?.as(RiskIndicator.self))
        #expect(indicator.kind == .other("New test phone"))

        let resolve = ResolveIndicatorForm(child: child.id, open: [OpenIndicator(indicator)])
        #expect(bench.errors(resolve, ["note": ""]).keys.sorted() == ["note"])
        let resolved = try bench.save(resolve, ["note": "Phone returned"])
        #expect(resolved.record?.as(RiskIndicator.self)?.resolved == true)
    }

    @Test func safetyPlanForm() throws {
        let bench = try Bench()
        let child = try bench.child { bench.snapshot.plans[$0.id] == nil }
        let form = SafetyPlanForm(child: child.id, plan: nil)
        #expect(bench.errors(form, ["reviewBy": "soon"]).keys.sorted() == ["reviewBy"])
        let saved = try bench.save(form, ["steps": "Text the worker nightly (youth)\nCheck the test hotel list (police)", "adults": "Aunt Testcase"])
        let plan = try #require(saved.record?.as(SafetyPlan.self))
        #expect(plan.steps == [.init(text: "Text the worker nightly", owner: "youth"), .init(text: "Check the test hotel list", owner: "police")])
        #expect(plan.trustedAdults == ["Aunt Testcase"])
    }

    @Test func profileForm() throws {
        let bench = try Bench()
        let form = ProfileForm(child: nil)
        #expect(bench.errors(form, ["legalName": "", "estimate": "15"]).keys.sorted() == ["legalName"])
        #expect(bench.errors(form, ["legalName": "Test Youth", "birth": "2099-01-01"]).keys.sorted() == ["birth"])
        #expect(bench.errors(form, ["legalName": "Test Youth", "estimate": "fifteen"]).keys.sorted() == ["estimate"])
        #expect(bench.errors(form, ["legalName": "Test Youth", "estimate": "15", "identity": "affiliations", "affiliations": "Martian: Test"])
                    .keys.sorted() == ["affiliations"])
        #expect(bench.errors(form, ["legalName": "Test Youth", "estimate": "15", "identity": "affiliations"]).keys.sorted() == ["affiliations"])

        var unusual = bench.screen(form, ["legalName": "Test Toddler", "estimate": "4"])
        guard case .confirm(let question, _) = unusual.submit(in: bench.context) else {
            Issue.record("an age of 4 should be asked about")
            return
        }
        #expect(question.contains("An age of 4"))

        let saved = try bench.save(form, ["legalName": "Testy Newcase", "birth": "2011-05-05", "identity": "affiliations",
                                          "affiliations": "First Nations: Lakeview Test First Nation; test band office"])
        let child = try #require(saved.record?.as(Child.self))
        #expect(child.caseNumber.isAssigned, "the store numbered the case")
        #expect(child.indigenousIdentity.affiliations.first?.representativeContact == "test band office")
    }

    @Test func aNewChildLikeAnExistingOneIsAskedAbout() throws {
        let bench = try Bench()
        let existing = try bench.child { !$0.birth.isEstimated }
        guard case .exact(let born) = existing.birth else { return }
        var screen = bench.screen(ProfileForm(child: nil), ["legalName": existing.legalName, "birth": born.description])
        guard case .confirm(let question, _) = screen.submit(in: bench.context) else {
            Issue.record("a possible duplicate should be asked about")
            return
        }
        #expect(question.contains(existing.caseNumber.description))
    }

    @Test func flagForms() throws {
        let bench = try Bench()
        let child = try bench.child()
        #expect(bench.errors(AddFlagForm(child: child.id), ["text": " "]).keys.sorted() == ["text"])
        let added = try #require(try bench.save(AddFlagForm(child: child.id), ["text": "Do not approach at Test School", "severity": "critical"]).record?.as(Child.self))
        #expect(added.activeFlags.last?.severity == .critical)
        let remove = RemoveFlagForm(child: ChildSummary(added))
        #expect(bench.errors(remove, ["reason": ""]).keys.sorted() == ["reason"])
        let removed = try #require(try bench.save(remove, ["which": "\(added.activeFlags.count). Do not approach at Test School", "reason": "Moved schools"]).record?.as(Child.self))
        #expect(!removed.activeFlags.contains { $0.text == "Do not approach at Test School" })
    }

    @Test func alertForms() throws {
        let bench = try Bench()
        let alert = try #require(AlertRules.evaluate(snapshot: bench.snapshot, now: Harness.demoNow, zone: .gmt).first { $0.child != nil })
        #expect(bench.errors(AcknowledgeAlertForm(alert: alert), ["note": ""]).keys.sorted() == ["note"])
        #expect(bench.errors(SnoozeAlertForm(alert: alert), ["until": "tomorrow"]).keys.sorted() == ["until"])
        let snoozed = try bench.save(SnoozeAlertForm(alert: alert), ["until": "07:00"])
        let response = try #require(snoozed.record?.as(AlertResponse.self))
        #expect(response.until.map { $0 > Harness.demoNow } == true, "07:00 means the next 07:00")
        try bench.save(AcknowledgeAlertForm(alert: alert), ["note": "Seen to (synthetic)"])
    }

    // MARK: Round trips: every edit form saves every field of its record as it was

    @Test func theProfileFormRoundTripsEveryChild() throws {
        let bench = try Bench(user: "demo-supervisor")
        for child in bench.children {
            var screen = bench.screen(ProfileForm(child: child))
            guard case .command(.updateChild(let saved)) = screen.submit(in: bench.context) else {
                Issue.record("\(child.caseNumber): the unchanged form did not give an update: \(screen.fields.compactMap(\.error))")
                continue
            }
            #expect(saved == child, "\(child.caseNumber)")
        }
    }

    @Test func theProfileFormKeepsPhoneNumbersAsTypedAndTheCaseloadFindsThemByDigits() throws {
        let bench = try Bench(user: "demo-supervisor")
        #expect(bench.children.contains { !($0.phones ?? []).isEmpty } && bench.children.contains { $0.phones == nil },
                "the demo has children with and without phone numbers, so the round trip above covers both")
        let child = try #require(bench.children.first { $0.phones == nil && $0.isOpen })
        var screen = bench.screen(ProfileForm(child: child), ["phones": "(555) 010-0188\n  \n555.0189 (test)"])
        guard case .command(.updateChild(let saved)) = screen.submit(in: bench.context) else {
            Issue.record("no update")
            return
        }
        #expect(saved.phones == ["(555) 010-0188", "555.0189 (test)"])
        _ = try bench.store.perform(.updateChild(saved))
        let caseload = CaseloadIndex(snapshot: try bench.store.loadCaseload(), today: bench.context.today)
        #expect(caseload.matching(CaseloadQuery(text: "010 0188")).map(\.child) == [child.id])
        // Emptied again: no number left, so the filter no longer finds the child by it.
        let updated = try #require(bench.database.record(Child.self, id: child.id.rawValue))
        screen = bench.screen(ProfileForm(child: updated), ["phones": ""])
        guard case .command(.updateChild(let emptied)) = screen.submit(in: bench.context) else {
            Issue.record("no update")
            return
        }
        #expect(emptied.phones == [])
        #expect(ChildRules.changedFields(from: saved, to: emptied) == ["phone numbers"])
    }

    @Test func theLinkFormRoundTripsEveryLinkAndChangesEveryField() throws {
        let bench = try Bench(user: "demo-police")
        let links = bench.database.allRecords(InvestigationLink.self)
        #expect(!links.isEmpty)
        for link in links where link.isActive {
            var screen = bench.screen(InvestigationLinkForm(editing: link, targetName: "a person (test)"))
            guard case .command(.investigation(.editLink(let saved))) = screen.submit(in: bench.context) else {
                Issue.record("\(link.id): the unchanged form did not give a change: \(screen.fields.compactMap(\.error))")
                continue
            }
            #expect(saved == link, "\(link.id)")
        }
        let link = try #require(links.first { $0.isActive })
        let outcome = try bench.save(InvestigationLinkForm(editing: link, targetName: "a person (test)"),
                                     ["date": "2026-11-01", "source": "placement", "confidence": "corroborated", "note": "Seen at the test mall (synthetic)"])
        let changed = try #require(outcome.record?.as(InvestigationLink.self))
        #expect(changed.date == DayDate(year: 2026, month: 11, day: 1) && changed.source == .placement && changed.confidence == .corroborated)
        #expect(changed.note == "Seen at the test mall (synthetic)" && changed.version == link.version + 1)
        #expect(changed.child == link.child && changed.target == link.target && changed.createdBy == link.createdBy, "whom it ties stays")
        #expect(bench.errors(InvestigationLinkForm(editing: changed, targetName: "x"), ["date": "2027-01-01"]).keys.sorted() == ["date"])
    }

    @Test func theMissingEpisodeFormsRoundTripEveryEpisode() throws {
        let bench = try Bench()
        for episode in bench.snapshot.episodes.values.joined() {
            var screen = episode.isOpen ? bench.screen(MissingEpisodeForm(episode: episode)) : bench.screen(DebriefForm(episode: episode))
            switch screen.submit(in: bench.context) {
            case .command(.updateMissingEpisode(let saved)):
                if episode.isOpen || episode.debrief != nil { #expect(saved == episode, "\(episode.id)") }
            default:
                Issue.record("\(episode.id): the unchanged form did not give an update: \(screen.fields.compactMap(\.error))")
            }
        }
    }

    @Test func theSafetyPlanFormRoundTripsEveryPlan() throws {
        let bench = try Bench()
        // The caseload keeps only each plan's review date: the whole plans come from the records.
        let plans = try bench.snapshot.plans.keys.compactMap { try bench.store.loadDetail(of: $0, contactLimit: 1).plan }
        #expect(plans.count == bench.snapshot.plans.count && plans.contains { !$0.steps.isEmpty })
        for plan in plans {
            var screen = bench.screen(SafetyPlanForm(child: plan.child, plan: plan))
            guard case .command(.saveSafetyPlan(let saved)) = screen.submit(in: bench.context) else {
                Issue.record("\(plan.id): no save")
                continue
            }
            #expect(saved == plan)
        }
    }

    @Test func theHandoverCardFormRoundTripsEveryCard() throws {
        let bench = try Bench()
        var handovers = [try #require(try bench.demoHandover())]
        // A card with every awkward value: an action with a time but no owner, one done, one due
        // at an odd second; a summary over two lines; pinned.
        let odd = Harness.demoNow.addingTimeInterval(-3 * 86_400 + 37)
        handovers.append(Handover(shiftStart: Harness.demoNow, shiftEnd: Harness.demoNow.addingTimeInterval(43_200), entries: [
            .init(child: try bench.child().id, severity: .stable, summary: "Line one (test)\nLine two (test)",
                  actions: [.init(text: "Timed, no owner (test)", owner: "", due: odd), .init(text: "Done (test)", owner: "Sam", done: true),
                            .init(text: "Owner only (test)", owner: "Sam Example")],
                  contingencies: [.init(condition: "If she calls (test)", response: "meet at the test library")], pinned: true),
        ]))
        #expect(handovers.count >= 2)
        for handover in handovers {
            for entry in handover.entries {
                var screen = bench.screen(HandoverCardForm(handover: handover, child: entry.child))
                guard case .command(.saveHandover(let saved)) = screen.submit(in: bench.context) else {
                    Issue.record("\(handover.id) \(entry.child): no save: \(screen.fields.compactMap(\.error))")
                    continue
                }
                #expect(saved == handover, "\(handover.id) \(entry.child)")
            }
        }
    }

    @Test func theAcknowledgementKeepsTheReadBackAsTyped() throws {
        let bench = try Bench()
        let handover = try #require(try bench.demoHandover())
        let entry = try #require(handover.entries.last)
        var screen = bench.screen(AcknowledgeCardForm(handover: handover.id, child: entry.child), ["readBack": "Line one (test)\n  Line two"])
        guard case .command(.acknowledgeHandoverEntry(let id, let child, let readBack)) = screen.submit(in: bench.context) else {
            Issue.record("no acknowledgement")
            return
        }
        #expect(id == handover.id && child == entry.child && readBack == "Line one (test)\n  Line two")
    }

    // MARK: Editing keys

    @Test func arrowsMoveTheCursorInAFieldAndTheTerminalShowsIt() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab)
        h.type("Test libary")
        h.press(.left, .left, .left)
        h.type("r")
        #expect(h.formValue("location") == "Test library")
        let field = try #require(h.form?.focusedField)
        #expect(field.cursor == 9)
        let cursor = try #require(h.terminal.cursor)
        let row = h.terminal.screen.line(cursor.y)
        // The cursor sits on the cell after "Test libr", where the next letter goes.
        let before = String(row.prefix(cursor.x))
        #expect(before.hasSuffix("Test libr"), "\(before)")
        h.press(.home)
        #expect(h.form?.focusedField?.cursor == 0)
        h.press(.alt("f"), .ctrl("w"))
        #expect(h.formValue("location") == " library")
    }
}
