import Foundation

/// Makes a believable, entirely synthetic CARE unit for demos, screenshots and load tests.
///
/// The same seed, size, time and unit always give the same unit, ids included: the generator has
/// its own random stream and never reads the clock. The first thirteen children are set pieces
/// that make every alert, risk level, exploitation status and screen state appear (see
/// `DemoScenario`); the rest are varied background. One referral is built in every workflow
/// status, through `ReferralWorkflow`, so every timeline is one the workflow could produce.
public enum DemoGenerator {
    /// - Parameters:
    ///   - children: how many children; 40 is a believable unit, 50,000 a load test.
    ///   - contactsPerChild: the average number of case notes over the last 90 days.
    ///   - zone: the unit's time zone, where its shifts start and end.
    ///   - services: the catalogue (as read from `catalogue/services.toml`; ids are given anew).
    ///   - checklist: the unit's review questions (as read from `catalogue/review-checklist.toml`).
    public static func make(
        seed: UInt64, children: Int = 40, now: Date, unit: String = "KEN", contactsPerChild: Int = 20, zone: TimeZone = .gmt,
        services: [Service] = DemoGenerator.standardServices, checklist: [String] = CulturalSafetyReview.defaultQuestions
    ) -> DemoUnit {
        var builder = DemoBuilder(seed: seed, now: now, unit: unit, zone: zone)
        builder.result.checklist = ReviewChecklist(questions: checklist)
        builder.makeServices(services)
        builder.makeWorkers(children: children)
        for index in 0..<max(0, children) {
            builder.makeChild(index, contactsPerChild: contactsPerChild)
        }
        builder.makeCoverageReferrals()
        builder.makeHandover()
        builder.makeInvestigation(seed: seed)
        builder.makeLifecycle()
        return builder.result
    }
}

/// The set pieces among the first children of every demo unit, by position.
enum DemoScenario: Int, CaseIterable {
    case missingWithPolice = 0
    case missingNoPolice
    case missingRepeatedly
    case agingOut
    case highRiskNoPlan
    case planOverdue
    case debriefOverdue
    case courtSoon
    case metisAffiliation
    case syllabicsName
    case contactOverdue
    case flagged
    case newCase
}

/// The state of one generation run; only `DemoGenerator` uses it.
struct DemoBuilder {
    typealias Words = DemoVocabulary
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400
    /// Named, not `allCases`: a kind added later must not change the demo every seed makes.
    static let contactKinds: [Contact.Kind] = [.inPerson, .phone, .textOrSocial, .attempted, .collateral]
    static let contactKindWeights: [Double] = [40, 25, 20, 10, 5]

    var rng: SeededRandom
    let now: Date
    let today: Int
    var result: DemoUnit

    var cpWorkers: [Worker] = []
    var policeWorkers: [Worker] = []
    var liaisonWorkers: [Worker] = []
    var supervisor: Worker!
    var workerByID: [WorkerID: Worker] = [:]

    let zone: TimeZone

    init(seed: UInt64, now: Date, unit: String, zone: TimeZone) {
        rng = SeededRandom(seed: seed)
        self.now = now
        self.zone = zone
        today = CivilDays.number(now)
        result = DemoUnit(unit: unit, now: now)
    }

    func ago(_ interval: TimeInterval) -> Date { now.addingTimeInterval(-interval) }
    func day(_ offset: Int) -> DayDate { CivilDays.dayDate(today + offset) }

    // MARK: Catalogue and accounts

    mutating func makeServices(_ catalogue: [Service]) {
        for entry in catalogue {
            var service = entry
            service.id = rng.id()
            service.version = 0
            result.services.append(service)
        }
    }

    mutating func makeWorkers(children: Int) {
        for core in Words.coreWorkers {
            let worker = Worker(id: rng.id(), accountName: core.account, displayName: core.name, role: core.role, unit: result.unit)
            result.workers.append(worker)
            switch core.role {
            case .childProtection: cpWorkers.append(worker)
            case .police: policeWorkers.append(worker)
            case .liaison: liaisonWorkers.append(worker)
            case .supervisor: supervisor = worker
            }
        }
        // Roughly a dozen children per child protection worker, fewer officers and liaisons.
        let extra: [(Role, Int, String)] = [
            (.childProtection, min(400, max(2, children / 12)) - 1, "cp"),
            (.police, min(200, max(1, children / 25)) - 1, "police"),
            (.liaison, min(200, max(1, children / 30)) - 1, "liaison"),
        ]
        for (role, count, tag) in extra where count > 0 {
            for n in 2...(count + 1) {
                let first = Words.plainFirstNames[(n + tag.count) % Words.plainFirstNames.count]
                let worker = Worker(id: rng.id(), accountName: "demo-\(tag)-\(n)", displayName: "\(first) Testworker \(n) (demo)",
                                    role: role, unit: result.unit)
                result.workers.append(worker)
                switch role {
                case .childProtection: cpWorkers.append(worker)
                case .police: policeWorkers.append(worker)
                default: liaisonWorkers.append(worker)
                }
            }
        }
        for worker in result.workers { workerByID[worker.id] = worker }
    }

    // MARK: Children

    mutating func makeChild(_ index: Int, contactsPerChild: Int) {
        let scenario = DemoScenario(rawValue: index)
        let id: ChildID = rng.id()

        // Identity. About a third name at least one Indigenous community.
        var identity: IndigenousIdentity
        if rng.chance(1.0 / 3.0) {
            var picked = [rng.pick(Words.communities)]
            if rng.chance(0.15) {
                let second = rng.pick(Words.communities)
                if second.name != picked[0].name { picked.append(second) }
            }
            identity = .affiliations(picked.map {
                Affiliation(group: $0.group, community: $0.name, representativeContact: "Community office, demo line 555-01\(rng.int(10...99))")
            })
        } else {
            identity = rng.pick([.notIndigenous, .notIndigenous, .notIndigenous, .notDisclosed, .unknown])
        }
        var first = rng.chance(0.3) ? rng.pick(Words.accentedFirstNames) : rng.pick(Words.plainFirstNames)
        var last = rng.pick(Words.lastNames)
        var preferred = ""
        if identity.isIndigenous && rng.chance(0.3) {
            preferred = (0..<rng.int(2...3)).map { _ in rng.pick(Words.syllables) }.joined()
        } else if rng.chance(0.15) {
            preferred = rng.pick(Words.plainFirstNames) + " " + last
        }

        var risk = rng.pick(RiskLevel.allCases, weights: [20, 35, 30, 15])
        var status = rng.pick([.atRisk, .beingExploited, .exiting, .exited, .unknown] as [ExploitationStatus], weights: [40, 20, 15, 10, 15])

        // Ages 11–17, with the 18th birthday at least 120 days away (aging out is a set piece).
        var birthDay = today - rng.int(4018...6450)
        var birth: Birth = rng.chance(0.05)
            ? .estimated(years: CivilDays.dayDate(birthDay).years(until: day(0)), asOf: day(-rng.int(0...200)))
            : .exact(CivilDays.dayDate(birthDay))
        if case .estimated(let years, let asOf) = birth, asOf.adding(years: 18 - years) <= day(120) {
            birth = .exact(CivilDays.dayDate(birthDay))
        }

        // Case number: sequence within the year the case opened; 9,999 per year, so a large unit
        // spreads over earlier years.
        let yearOffset = index / 9999
        let caseYear = CivilDays.dayDate(today).year - yearOffset
        let yearStart = CivilDays.number(DayDate(year: caseYear, month: 1, day: 1))
        let yearEnd = min(today, CivilDays.number(DayDate(year: caseYear, month: 12, day: 31)))
        var opened = rng.int(yearStart...max(yearStart, yearEnd))
        let caseNumber = CaseNumber(unit: result.unit, year: caseYear, sequence: index % 9999 + 1)

        var closure: Closure?
        if scenario == nil && rng.chance(0.05) {
            closure = Closure(on: day(-rng.int(1...30)), reason: rng.pick(["Youth turned 18 and moved on (demo)", "Family moved out of region (demo)", "Goals of plan met (demo)"]))
        }

        var team = Team(childProtection: cpWorkers[index % cpWorkers.count].id)
        if rng.chance(0.6) { team.police = policeWorkers[index % policeWorkers.count].id }
        var flags: [Flag] = []
        if rng.chance(0.1) {
            flags.append(Flag(id: rng.id(), text: rng.pick(Words.flagTexts), severity: .warning, setBy: team.childProtection!,
                              setAt: ago(Double(rng.int(1...60)) * Self.day)))
        }

        // Set pieces.
        var lastContactAgo = Double(rng.int(1...Int(0.9 * cadence(risk) / Self.hour))) * Self.hour
        if rng.chance(0.15) { lastContactAgo = cadence(risk) * (1.2 + rng.unit()) }
        switch scenario {
        case .missingWithPolice:
            risk = .critical; status = .beingExploited
            identity = .affiliations([Affiliation(group: .firstNations, community: "Lakeview Test First Nation", representativeContact: "Band office, demo line 555-0142")])
            lastContactAgo = 30 * Self.hour
        case .missingNoPolice:
            risk = .high; status = .atRisk; lastContactAgo = 20 * Self.hour
        case .missingRepeatedly:
            risk = .medium; status = .atRisk; lastContactAgo = 2 * Self.day
        case .agingOut:
            risk = .low; status = .exited
            birthDay = today + 60
            birth = .exact(CivilDays.dayDate(birthDay).adding(years: -18))
        case .highRiskNoPlan:
            risk = .high; status = .beingExploited
        case .planOverdue:
            risk = .critical; status = .exiting; lastContactAgo = 6 * Self.hour
        case .debriefOverdue:
            risk = .medium; status = .unknown
        case .courtSoon:
            risk = .high
        case .metisAffiliation:
            first = "Zoé"; last = "Démo-Tremblay"; preferred = ""
            identity = .affiliations([Affiliation(group: .metis, community: "Northpoint Demo Métis Council")])
        case .syllabicsName:
            first = "Tess"; last = "Testcase"; preferred = "ᓴᕋ"
            identity = .affiliations([Affiliation(group: .inuk, community: "Tundra Example Inuit Community")])
        case .contactOverdue:
            risk = .critical; status = .beingExploited; lastContactAgo = 3 * Self.day
        case .flagged:
            flags = [
                Flag(id: rng.id(), text: "Do not approach at school — demo flag", severity: .critical, setBy: team.childProtection!, setAt: ago(5 * Self.day)),
                Flag(id: rng.id(), text: "Old address on file — demo flag", severity: .info, setBy: team.childProtection!, setAt: ago(40 * Self.day),
                     removal: Flag.Removal(by: supervisor.id, at: ago(20 * Self.day), reason: "Address confirmed (demo)")),
            ]
        case .newCase:
            opened = today - 2
            lastContactAgo = 1 * Self.day
        case nil:
            break
        }
        if scenario != nil { opened = min(opened, today - 2) }
        if identity.isIndigenous { team.liaison = liaisonWorkers[index % liaisonWorkers.count].id }
        if scenario == .missingWithPolice || scenario == .missingNoPolice { team.police = policeWorkers[0].id }

        var languages = ["English"]
        if rng.chance(0.15) { languages.append("French") }
        if identity.isIndigenous && rng.chance(0.4) { languages.append(rng.pick(["Anishinaabemowin", "Oji-Cree", "Inuktitut", "Michif"])) }
        let placement = rng.pick(Words.placements)
        // Drawn in the order as before (the rest of the unit stays the same), but a youth
        // agreement only at 16 or 17 (ChildRules): a younger youth drawn one is in the care of a
        // society.
        let pronouns = rng.pick(["she/her", "he/him", "they/them", "she/they", ""])
        let gender = rng.pick(["girl", "boy", "non-binary", "two-spirit", "not stated"])
        var careStatus = rng.pick(CareStatus.allCases)
        let ageToday: Int = switch birth {
        case .exact(let dob): dob.years(until: day(0))
        case .estimated(let years, let asOf): years + asOf.years(until: day(0))
        }
        if careStatus == .youthAgreement, !ChildRules.youthAgreementAges.contains(ageToday) { careStatus = .inCareOfSociety }

        let child = Child(
            id: id, caseNumber: caseNumber, legalName: "\(first) \(last)", preferredName: preferred,
            pronouns: pronouns, birth: birth, gender: gender,
            indigenousIdentity: identity, languages: languages,
            careStatus: careStatus, society: rng.pick(Words.societies), placement: placement,
            riskLevel: risk, exploitationStatus: status,
            whereabouts: .located(place: placement, since: ago(Double(rng.int(1...30)) * Self.day)),
            team: team, openedOn: CivilDays.dayDate(opened), closure: closure, flags: flags,
            // A third of the children have a phone number, from 555-0100 to 555-0199 (numbers
            // kept for fiction), punctuated two ways so the filter's digits-only match shows.
            // Taken from the index, not the generator, so the rest of the unit is unchanged.
            phones: index % 3 == 0 ? [String(format: index % 2 == 0 ? "555-01%02d" : "555.01%02d", index % 100)] : nil
        )
        result.children.append(child)

        makeContacts(for: child, openedDay: opened, lastAgo: lastContactAgo, average: contactsPerChild)
        makeEpisodes(for: child, scenario: scenario)
        makeIndicators(for: child, openedDay: opened)
        makePlan(for: child, scenario: scenario)
        makeAppointments(for: child, scenario: scenario)
        if scenario == nil && closure == nil && rng.chance(0.25) {
            let target = rng.pick(Referral.Status.allCases)
            makeReferral(for: child, status: target, service: rng.pick(result.services), lastStepAgo: Double(rng.int(1...240)) * Self.hour)
        }
    }

    func cadence(_ risk: RiskLevel) -> TimeInterval { AlertThresholds.standard.cadence(for: risk) }

    // MARK: Notes, episodes, indicators, plans, appointments

    mutating func makeContacts(for child: Child, openedDay: Int, lastAgo: TimeInterval, average: Int) {
        guard average > 0 else { return }
        let count = max(1, average + rng.int(-(average / 4)...(average / 4)))
        let last = ago(lastAgo)
        let earliest = max(ago(90 * Self.day).timeIntervalSince1970, Double(openedDay) * Self.day)
        let span = max(0, last.timeIntervalSince1970 - earliest)
        var times = (1..<count).map { _ in Date(timeIntervalSince1970: earliest + rng.unit() * span) }
        times.append(last)
        times.sort()
        let authors = child.team.members
        for time in times {
            let kind = rng.pick(Self.contactKinds, weights: Self.contactKindWeights)
            let restricted = kind != .attempted && rng.chance(0.1)
            let summary = restricted ? rng.pick(Words.restrictedSummaries)
                : kind == .attempted ? rng.pick(Words.attemptedSummaries) : rng.pick(Words.contactSummaries)
            result.contacts.append(Contact(
                id: rng.id(), child: child.id, occurredAt: time, author: rng.pick(authors), kind: kind,
                location: kind == .inPerson ? rng.pick(Words.places) : "", summary: summary,
                nextSteps: rng.pick(Words.nextSteps), visibility: restricted ? .restricted : .team
            ))
        }
    }

    mutating func makeEpisodes(for child: Child, scenario: DemoScenario?) {
        let police = policeWorkers[0]
        func closed(_ daysAgo: Double, _ builder: inout DemoBuilder, debriefed: Bool = true) -> MissingEpisode {
            let seen = builder.ago(daysAgo * Self.day)
            let found = seen.addingTimeInterval(Double(builder.rng.int(6...40)) * Self.hour)
            return MissingEpisode(
                id: builder.rng.id(), child: child.id, reportedMissingAt: seen.addingTimeInterval(Self.hour), lastSeenAt: seen,
                lastSeenPlace: builder.rng.pick(Words.places),
                policeReport: .init(service: "OPP \(builder.result.unit) detachment (demo)", occurrenceNumber: "DEMO-\(builder.rng.int(100_000...999_999))",
                                    reportedAt: seen.addingTimeInterval(1.5 * Self.hour)),
                located: .init(at: found, place: builder.rng.pick(Words.places), returnedTo: child.placement),
                debrief: debriefed ? .init(on: found.addingTimeInterval(20 * Self.hour), by: child.team.childProtection ?? police.id,
                                           notes: "Talked it through with the youth; no injuries; wants the same worker next time (demo).") : nil
            )
        }
        switch scenario {
        case .missingWithPolice:
            result.episodes.append(MissingEpisode(
                id: rng.id(), child: child.id, reportedMissingAt: ago(13 * Self.hour), lastSeenAt: ago(14 * Self.hour),
                lastSeenPlace: "Testville bus depot (fictional)",
                policeReport: .init(service: "OPP \(result.unit) detachment (demo)", occurrenceNumber: "DEMO-26-000123", reportedAt: ago(12.5 * Self.hour)),
                notes: "Seen leaving with an older male, per placement staff (demo).",
                description: "Slight build, long dark hair; grey hoodie, black jeans, red sneakers (demo).",
                believedWith: "An older male known as \"Demo K.\" (fictional)", vehicle: "Silver sedan, partial plate DEMO 12 (fictional)"
            ))
        case .missingNoPolice:
            result.episodes.append(MissingEpisode(
                id: rng.id(), child: child.id, reportedMissingAt: ago(4 * Self.hour), lastSeenAt: ago(5 * Self.hour),
                lastSeenPlace: "Example Mall food court (demo)", notes: "Did not return after school (demo)."
            ))
        case .missingRepeatedly:
            result.episodes.append(closed(60, &self))
            result.episodes.append(closed(25, &self))
            result.episodes.append(MissingEpisode(
                id: rng.id(), child: child.id, reportedMissingAt: ago(0.5 * Self.hour), lastSeenAt: ago(40 * 60),
                lastSeenPlace: "Sample Secondary School (demo)"
            ))
        case .debriefOverdue:
            var episode = closed(6, &self, debriefed: false)
            episode.located?.at = ago(4 * Self.day)
            result.episodes.append(episode)
        case nil where rng.chance(0.15):
            for _ in 0..<rng.int(1...2) { result.episodes.append(closed(Double(rng.int(20...400)), &self)) }
        default:
            break
        }
    }

    mutating func makeIndicators(for child: Child, openedDay: Int) {
        for _ in 0..<rng.int(0...4) {
            let kind: RiskIndicator.Kind = rng.chance(0.08) ? .other("Frequent rides from unknown adults (demo)") : rng.pick(RiskIndicator.Kind.standard)
            result.indicators.append(RiskIndicator(
                id: rng.id(), child: child.id, kind: kind, observedOn: CivilDays.dayDate(rng.int(min(openedDay, today)...today)),
                source: rng.pick(RiskIndicator.Source.allCases), note: "Observed and recorded (demo).", resolved: rng.chance(0.2)
            ))
        }
    }

    mutating func makePlan(for child: Child, scenario: DemoScenario?) {
        let wanted: Bool
        var reviewOffset = rng.chance(0.12) ? -rng.int(1...30) : rng.int(1...60)
        switch scenario {
        case .highRiskNoPlan: wanted = false
        case .planOverdue: wanted = true; reviewOffset = -10
        case .some: wanted = child.riskLevel >= .high
        case nil:
            let chance: [RiskLevel: Double] = [.critical: 0.95, .high: 0.9, .medium: 0.4, .low: 0.1]
            wanted = rng.chance(chance[child.riskLevel] ?? 0)
        }
        guard wanted else { return }
        if scenario != nil && scenario != .planOverdue { reviewOffset = abs(reviewOffset) + 1 }
        result.plans.append(SafetyPlan(
            id: rng.id(), child: child.id,
            steps: [
                .init(text: "Check in by phone every evening (demo)", owner: "child protection worker"),
                .init(text: "Call the on-call line if a ride is offered by someone unknown (demo)", owner: "youth"),
            ],
            trustedAdults: ["Aunt — demo contact 555-0188"], safePlaces: ["Example Friendship Centre (demo)"],
            reviewBy: day(reviewOffset)
        ))
    }

    mutating func makeAppointments(for child: Child, scenario: DemoScenario?) {
        if scenario == .courtSoon {
            result.appointments.append(Appointment(id: rng.id(), child: child.id, kind: .court, at: now.addingTimeInterval(3 * Self.day + 2 * Self.hour),
                                                   place: "Demo Courthouse, room 2 (fictional)", note: "Youth to testify by video (demo)."))
            result.appointments.append(Appointment(id: rng.id(), child: child.id, kind: .medical, at: now.addingTimeInterval(5 * Self.day),
                                                   place: "Sample Health Centre (demo)"))
            return
        }
        guard scenario == nil, rng.chance(0.15) else { return }
        let kind = rng.pick(Appointment.Kind.allCases)
        result.appointments.append(Appointment(
            id: rng.id(), child: child.id, kind: kind, at: now.addingTimeInterval(Double(rng.int(-30 * 24...40 * 24)) * Self.hour),
            place: kind == .court ? "Demo Courthouse (fictional)" : "Sample Health Centre (demo)"
        ))
    }

    // MARK: Referrals

    /// One referral in every workflow status on the children after the set pieces, with one
    /// awaiting review for over two days and one sent with no response for over a week.
    mutating func makeCoverageReferrals() {
        let candidates = result.children.indices.filter {
            $0 >= DemoScenario.allCases.count && result.children[$0].isOpen
        }
        let pool = candidates.isEmpty
            ? result.children.indices.filter { result.children[$0].isOpen && $0 != DemoScenario.agingOut.rawValue }
            : candidates
        guard !pool.isEmpty else { return }
        guard let culturallySpecific = result.services.first(where: \.culturallySpecific) ?? result.services.first else { return }
        // The demo liaison's own youth first, so "awaiting my review" is never empty for them.
        let liaison = liaisonWorkers[0].id
        let liaisonsOwn = pool.filter { result.children[$0].team.liaison == liaison }
        for (n, status) in Referral.Status.allCases.enumerated() {
            let index = status == .awaitingReview ? liaisonsOwn.first ?? pool[n % pool.count] : pool[n % pool.count]
            let child = result.children[index]
            let service = status == .awaitingReview ? culturallySpecific : result.services[n % result.services.count]
            let lastStepAgo: TimeInterval = switch status {
            case .awaitingReview: 3 * Self.day
            case .sent: 9 * Self.day
            // The approval an hour ago is a decision of the shift on now, for the handover's strip.
            default: Double(max(1, 1 + (n - 2) * 4)) * Self.hour
            }
            makeReferral(for: child, status: status, service: service, lastStepAgo: lastStepAgo)
        }
        // A second youth of the demo liaison waiting for review, urgent and fresh, so the queue
        // shows the sort (urgent first) and the review screen a youth's communities.
        if let second = liaisonsOwn.dropFirst().first {
            makeReferral(for: result.children[second], status: .awaitingReview, service: result.services[0],
                         lastStepAgo: 5 * Self.hour, priority: .urgent)
        }
    }

    /// Builds a referral that reaches `status` through the workflow, its last step `lastStepAgo`.
    mutating func makeReferral(
        for child: Child, status: Referral.Status, service: Service, lastStepAgo: TimeInterval, priority: Referral.Priority? = nil
    ) {
        let creator = child.team.childProtection.flatMap { workerByID[$0] } ?? cpWorkers[0]
        let liaison = child.team.liaison.flatMap { workerByID[$0] } ?? liaisonWorkers[0]
        let supervisor = self.supervisor!
        let questions = result.checklist.questions
        var steps: [(ReferralCommand, Worker)] = []
        let reviewed = ReferralWorkflow.reviewRequired(Referral(child: child.id, service: service.id, reason: "", createdBy: creator.id, createdAt: now),
                                                       child: child, service: service)
        func approval(_ rng: inout SeededRandom) -> (ReferralCommand, Worker) {
            if rng.chance(0.15) { return (.overrideApprove(reason: "Liaison on leave; youth asked to start this week (demo)"), supervisor) }
            var checklist = questions.map { CulturalSafetyReview.Item(question: $0, answer: .yes) }
            if rng.chance(0.3) {
                checklist[checklist.count - 1].answer = .no
                checklist[checklist.count - 1].comment = "Fly-in travel needs planning; escort arranged (demo)"
            }
            return (.approve(checklist: checklist, comment: "Youth chose this service with the liaison (demo)."), liaison)
        }
        let toReady: [(ReferralCommand, Worker)] = reviewed ? [(.submit, creator), approval(&rng)] : [(.submit, creator)]
        switch status {
        case .draft: if rng.chance(0.3) && reviewed { steps = [(.submit, creator), (.return(comment: "Please confirm the youth was asked about involving family (demo)."), liaison)] }
        case .awaitingReview: steps = [(.submit, creator)]
        case .readyToSend: steps = toReady
        case .sent: steps = toReady + [(.send, creator)]
        case .waitlisted: steps = toReady + [(.send, creator), (.waitlist, creator)]
        case .accepted: steps = toReady + [(.send, creator), (.accept, creator)]
        case .active: steps = toReady + [(.send, creator), (.accept, creator), (.start, creator)]
        case .completed: steps = toReady + [(.send, creator), (.accept, creator), (.start, creator), (.complete, creator)]
        case .declined: steps = toReady + [(.send, creator), (.decline(reason: "No space this season (demo)."), creator)]
        case .withdrawn: steps = [(.submit, creator), (.withdraw(reason: "Youth chose another service (demo)."), creator)]
        }

        let gap = Double(rng.int(2...30)) * Self.hour
        let created = ago(lastStepAgo + gap * Double(steps.count))
        let sends = steps.contains { if case .send = $0.0 { true } else { false } }
        var referral = Referral(
            id: rng.id(), child: child.id, service: service.id,
            reason: rng.pick(["Youth asked for support with healing (demo).", "Safety plan step: connect to service (demo).", "Court-ordered follow-up (demo)."]),
            priority: rng.chance(0.25) ? .urgent : .routine,
            consent: sends || rng.chance(0.5) ? .init(state: .given, by: "youth (demo)", at: created, recordedBy: creator.id) : .init(),
            review: CulturalSafetyReview(checklist: result.checklist.blankItems),
            createdBy: creator.id, createdAt: created
        )
        if let priority { referral.priority = priority }
        for (n, step) in steps.enumerated() {
            do {
                referral = try ReferralWorkflow.apply(step.0, to: referral, child: child, service: service, actor: step.1,
                                                      now: created.addingTimeInterval(gap * Double(n + 1)))
            } catch {
                preconditionFailure("demo referral step \(step.0.verb) refused: \(error)")
            }
        }
        result.referrals.append(referral)
    }

    // MARK: Handover

    /// The handover of the shift before this one, saved by its outgoing worker, with one card
    /// acknowledged by the incoming worker and the rest waiting.
    mutating func makeHandover() {
        let picks = [DemoScenario.missingWithPolice, .missingNoPolice, .missingRepeatedly, .planOverdue]
            .map(\.rawValue).filter { $0 < result.children.count }
        guard !picks.isEmpty else { return }
        let incoming = cpWorkers[0]
        let outgoing = cpWorkers.count > 1 ? cpWorkers[1] : supervisor!
        let shift = ShiftPattern.standard.shift(containing: now, zone: zone).previous
        let entries = picks.enumerated().map { n, index in
            let child = result.children[index]
            let missing = index <= DemoScenario.missingRepeatedly.rawValue
            return Handover.Entry(
                child: child.id, severity: missing ? .urgent : .watch,
                summary: missing ? "Missing; see episode notes (demo)." : "Plan review overdue; youth engaged (demo).",
                actions: [.init(text: "Call the placement (demo)", owner: incoming.displayName, due: now.addingTimeInterval(3 * Self.hour))],
                contingencies: missing ? [.init(condition: "If located", response: "Call the OPP officer on the case before transport (demo)")] : [],
                pinned: n == 0
            )
        }
        result.handovers.append(Handover(id: shift.handoverID, shiftStart: shift.start, shiftEnd: shift.end,
                                         outgoing: [outgoing.id], incoming: [incoming.id], entries: entries))
        if let first = entries.first {
            result.handoverAcknowledgements.append(HandoverAcknowledgement(
                id: rng.id(), handover: shift.handoverID, child: first.child,
                by: incoming.id, at: min(now, shift.end.addingTimeInterval(20 * 60)), readBack: "Will call OPP first (demo)."))
        }
    }
}
