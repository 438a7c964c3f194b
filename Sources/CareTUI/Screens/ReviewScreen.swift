import CareDomain
import Foundation
import TextUI

/// A liaison's cultural-safety review of one referral: the youth's identity, communities and
/// languages beside the service's details, then the referral's checklist (the unit's questions
/// when it was drafted), each answered yes / no / n/a with an optional comment, and a general
/// comment. Ctrl-S approves (a "no" needs its own comment or the general one: the domain's rule,
/// checked here to put the words beside the field and again by the store); Ctrl-R returns it to
/// the worker with the general comment. Nothing answered is lost: Esc asks first, a refusal keeps
/// every answer, and the screen stays behind the lock.
public struct ReviewScreen: ScreenController {
    public let id: Int
    public let referral: ReferralID
    public let questions: [String]
    /// An answer and a comment per question, then the general comment: the same field engine as
    /// every form.
    public var engine: FieldEngine
    /// What went wrong with the last approve or return, in words.
    public var notice: String?
    /// Whether the look at the youth and the referral is in the audit trail: until it is, the
    /// review shows none of them (`Effect.viewReferral`, asked by whoever opens it). Answers
    /// typed meanwhile are kept.
    public var audited = false

    /// Review keys first, then typing into the focused answer or comment, then the global keys.
    public static let keyChain = KeyChain([.review, .global], unbound: .typed)
    public var keyChain: KeyChain { Self.keyChain }

    static let options = ["—", "yes", "no", "n/a"]
    /// Letters that answer at once in an answer field.
    static let shortcuts: [Character: String] = ["y": "yes", "n": "no", "a": "n/a"]

    public init(id: Int, referral: Referral) {
        self.id = id
        self.referral = referral.id
        questions = referral.review.checklist.map(\.question)
        var fields: [FieldEditor] = []
        for (i, item) in referral.review.checklist.enumerated() {
            fields.append(FieldEditor(FieldSpec(ReviewField.answer(i), "Answer", kind: .choice(Self.options), value: Self.option(item.answer),
                                                hint: "y yes · n no · a not applicable · ←→ change")))
            fields.append(FieldEditor(FieldSpec(ReviewField.comment(i), "Comment", value: item.comment,
                                                hint: "optional; needed on a \"no\" unless the general comment says why")))
        }
        fields.append(FieldEditor(FieldSpec(ReviewField.general, "Comment", kind: .note,
                                            hint: "needed to return (Ctrl-R); optional to approve (Ctrl-S) · Enter starts a new line")))
        engine = FieldEngine(fields)
    }

    public var fields: [FieldEditor] { engine.fields }
    public var focus: Int { engine.focus }
    public var isDirty: Bool { engine.isDirty }

    /// Sets the answer to question `index` (0-based), as the keys would.
    public mutating func answer(_ index: Int, _ answer: CulturalSafetyReview.Answer?) {
        engine.set(ReviewField.answer(index).rawValue, to: Self.option(answer))
    }

    static func option(_ answer: CulturalSafetyReview.Answer?) -> String {
        switch answer {
        case .yes?: "yes"
        case .no?: "no"
        case .notApplicable?: "n/a"
        case nil: "—"
        }
    }

    static func answer(_ option: String) -> CulturalSafetyReview.Answer? {
        switch option {
        case "yes": .yes
        case "no": .no
        case "n/a": .notApplicable
        default: nil
        }
    }

    /// The checklist and the general comment as typed, sanitized.
    public func answers() -> (checklist: [CulturalSafetyReview.Item], comment: String) {
        let checklist = questions.enumerated().map { i, question in
            CulturalSafetyReview.Item(question: question, answer: Self.answer(engine.value(ReviewField.answer(i))),
                                      comment: Sanitizer.clean(engine.value(ReviewField.comment(i))).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let comment = Sanitizer.clean(engine.value(ReviewField.general), multiline: true).trimmingCharacters(in: .whitespacesAndNewlines)
        return (checklist, comment)
    }

    // MARK: The controller

    public var holdsUnsavedInput: Bool { isDirty }
    public var staysBehindLock: Bool { true }
    public var takesText: Bool { !isAnswer(engine.focus) && engine.acceptsText }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        var hints: [ScreenHint] = [.command(.nextField, "next"), .command(.approveReferral, "approve"), .command(.returnReferral, "return"),
                                   .command(.read, "read whole"), .command(.cancel, "close")]
        if isAnswer(engine.focus) { hints.insert(.fixed(key: "y n a", label: "yes no n/a"), at: 0) }
        return hints
    }

    /// A key into the focused answer or comment; on an answer, y, n and a answer at once.
    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        if isAnswer(engine.focus), case .char(let c) = key, let option = Self.shortcuts[c] {
            engine.fields[engine.focus].value = option
            engine.fields[engine.focus].error = nil
            return
        }
        ctx.say(engine.type(key))
    }

    public mutating func typeText(_ text: String, _ ctx: inout ScreenContext) -> Bool {
        guard takesText else { return false }
        ctx.say(engine.typeText(text))
        return true
    }

    public mutating func paste(_ text: String, _ ctx: inout ScreenContext) {
        // Answers are never set by text: a paste goes into a comment only.
        guard !isAnswer(engine.focus) else { return ctx.say("An answer is chosen with y, n or a; move to a comment to paste.") }
        ctx.say(engine.paste(text))
    }

    func isAnswer(_ index: Int) -> Bool { index < 2 * questions.count && index % 2 == 0 }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        switch command {
        case .nextField: engine.cycleFocus(by: 1)
        case .previousField: engine.cycleFocus(by: -1)
        case .approveReferral: approve(&ctx)
        case .returnReferral: giveBack(&ctx)
        case .read: readWhole(&ctx)
        case .cancel:
            guard isDirty else { return ctx.close() }
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Discard?",
                message: ["Discard the answers of this review? They are not saved anywhere.", "Choose with ← →, answer with Enter."],
                yes: .discardScreen(id), yesLabel: "Discard", noLabel: "Keep reviewing"))
        default:
            break
        }
    }

    /// Approves with these answers, or marks what is missing beside its field, in the domain's words.
    mutating func approve(_ ctx: inout ScreenContext) {
        engine.clearErrors()
        notice = nil
        let (checklist, comment) = answers()
        if let problem = ReferralWorkflow.approvalProblem(checklist, comment: comment, questions: questions) {
            switch problem {
            case .unanswered(let open):
                for (i, question) in questions.enumerated() where open.contains(question) {
                    engine.mark(ReviewField.answer(i), "Answer yes, no or not applicable (y, n, a).")
                }
            case .noAnswerNeedsComment(let bare):
                for (i, question) in questions.enumerated() where bare.contains(question) {
                    engine.mark(ReviewField.comment(i), "A \"no\" needs a comment here, or a general comment below.")
                }
            default:
                break
            }
            notice = "Not approved: " + problem.description
            ctx.say(notice)
            engine.focusFirstProblem()
            return
        }
        ctx.ask(.perform(.applyReferral(referral, .approve(checklist: checklist, comment: comment)), origin: id))
    }

    /// Returns the referral to the worker with the general comment, which it needs, and the
    /// answers given so far, which the next review starts from.
    mutating func giveBack(_ ctx: inout ScreenContext) {
        engine.clearErrors()
        notice = nil
        let (checklist, comment) = answers()
        guard !comment.isEmpty else {
            engine.mark(ReviewField.general, "Say why it is returned; the worker reads this.")
            engine.focus = engine.fields.count - 1
            notice = "Not returned: " + ReferralError.needsText("a comment saying why the referral is returned").description
            ctx.say(notice)
            return
        }
        ctx.ask(.perform(.applyReferral(referral, .return(comment: comment, checklist: checklist)), origin: id))
    }

    /// The store's answer: closes on success; keeps every answer and says why on a refusal.
    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        switch answer {
        case .referralViewed(.success): audited = true
        case .referralViewed(.failure(let failure)):
            // Nothing of the youth was shown; what was answered so far is not a record to keep.
            ctx.close()
            ctx.say(failure.words)
        case .saved(_, .success): ctx.close()
        case .saved(_, .failure(let failure)):
            notice = "Not saved: " + failure.words
            ctx.say(notice)
        case .waiting:
            notice = "Saving: waiting for another session to finish…"
        default:
            break
        }
    }

    // MARK: Drawing

    /// Draws the review over `area`; returns where the terminal cursor goes.
    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let dashboard = env.dashboard
        let width = min(area.width - 2, 116)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        let stored = dashboard.referral(referral)
        let service = stored.flatMap { dashboard.service($0.service) }
        let title = "Cultural-safety review — " + (stored.map { dashboard.nameWithCase(ofChild: $0.child) } ?? "") + " · " + (service?.name ?? "")
        buffer.drawBox(box, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        guard audited else {
            buffer.write("Recording this view in the audit trail…", at: Point(x: inner.x + 1, y: inner.y), width: inner.width - 1, style: theme[.muted])
            return nil
        }
        guard inner.height >= 6, let stored else { return nil }
        var y = inner.y

        // The youth beside the service.
        let columnWidth = max(10, (inner.width - 3) / 2)
        let left = youthLines(stored, env: env)
        let right = serviceLines(service)
        let headerRows = min(max(left.count, right.count), max(2, inner.height / 3))
        for row in 0..<headerRows {
            let role: ThemeRole = row == 0 ? .emphasis : .normal
            if row < left.count { buffer.write(left[row], at: Point(x: inner.x + 1, y: y), width: columnWidth, style: theme[role]) }
            buffer.write("│", at: Point(x: inner.x + 1 + columnWidth + 1, y: y), style: theme[.border])
            if row < right.count {
                buffer.write(right[row], at: Point(x: inner.x + columnWidth + 4, y: y), width: inner.width - columnWidth - 4, style: theme[role])
            }
            y += 1
        }
        let consent = stored.consent.state == .given ? "consent given" : "consent \(stored.consent.state.rawValue.uppercased())"
        let reason = "Reason: \(stored.reason.replacingOccurrences(of: "\n", with: " / ")) · \(stored.priority.rawValue) · \(consent)"
        buffer.write(reason, at: Point(x: inner.x + 1, y: y), width: inner.width - 1, style: theme[.normal])
        y += 1
        buffer.write(String(repeating: "─", count: inner.width), at: Point(x: inner.x, y: y), style: theme[.border])
        y += 1
        if let notice {
            for line in DisplayWidth.wrap(notice, width: max(1, inner.width - 2)).prefix(2) where y < inner.bottom {
                buffer.write(line, at: Point(x: inner.x + 1, y: y), width: inner.width - 1, style: theme[.error])
                y += 1
            }
        }

        // The checklist, scrolled to keep the focused question in view.
        let area = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.bottom - y))
        let commentWidth = max(10, area.width - 26)
        engine.valueWidth = commentWidth
        let blocks = blockHeights(width: area.width)
        let focusedBlock = min(focus / 2, questions.count)
        var first = focusedBlock
        var used = 0
        while first >= 0, used + blocks[first] <= area.height {
            used += blocks[first]
            first -= 1
        }
        first = min(focusedBlock, first + 1)
        var cursor: Point?
        y = area.y
        for block in first..<blocks.count {
            guard y + blocks[block] <= area.bottom else { break }
            if block < questions.count {
                if let point = renderQuestion(block, at: y, area: area, commentWidth: commentWidth, buffer: &buffer, theme: theme) { cursor = point }
            } else if let point = renderGeneral(at: y, area: area, buffer: &buffer, theme: theme) {
                cursor = point
            }
            y += blocks[block]
        }
        return cursor
    }

    /// Rows each question takes (its text, its answer row, an error), then the general comment.
    func blockHeights(width: Int) -> [Int] {
        var heights = questions.enumerated().map { i, question in
            min(2, DisplayWidth.wrap("\(i + 1). " + question, width: max(1, width - 2)).count) + 1
                + (fields[2 * i].error != nil || fields[2 * i + 1].error != nil ? 1 : 0)
        }
        let general = fields[fields.count - 1]
        heights.append(1 + generalRows + (general.error != nil ? 1 : 0))
        return heights
    }

    /// The general comment opens to three rows while it has the cursor.
    var generalRows: Int { focus == fields.count - 1 ? 3 : 1 }

    private func renderQuestion(_ i: Int, at top: Int, area: Rect, commentWidth: Int, buffer: inout Buffer, theme: Theme) -> Point? {
        let focused = focus / 2 == i && focus < fields.count - 1
        var y = top
        for line in DisplayWidth.wrap("\(i + 1). " + questions[i], width: max(1, area.width - 2)).prefix(2) {
            buffer.write(line, at: Point(x: area.x + 1, y: y), width: area.width - 1, style: theme[focused ? .emphasis : .normal])
            y += 1
        }
        buffer.write("   answer", at: Point(x: area.x, y: y), style: theme[.muted])
        _ = fields[2 * i].render(in: Rect(x: area.x + 10, y: y, width: 9, height: 1), focused: focus == 2 * i, buffer: &buffer, theme: theme)
        buffer.write("comment", at: Point(x: area.x + 20, y: y), style: theme[.muted])
        let cursor = fields[2 * i + 1].render(in: Rect(x: area.x + 28, y: y, width: area.width - 29, height: 1),
                                              focused: focus == 2 * i + 1, buffer: &buffer, theme: theme)
        y += 1
        if let error = fields[2 * i].error ?? fields[2 * i + 1].error {
            buffer.write("   ⚠ " + error, at: Point(x: area.x, y: y), width: area.width, style: theme[.error])
        }
        return cursor
    }

    private func renderGeneral(at top: Int, area: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let field = fields[fields.count - 1]
        let focused = focus == fields.count - 1
        buffer.write("Comment (needed to return; optional to approve)", at: Point(x: area.x + 1, y: top), width: area.width - 1,
                     style: theme[focused ? .emphasis : .normal])
        let rows = generalRows
        let cursor = field.render(in: Rect(x: area.x + 3, y: top + 1, width: area.width - 4, height: rows), focused: focused,
                                  buffer: &buffer, theme: theme)
        if let error = field.error {
            buffer.write("   ⚠ " + error, at: Point(x: area.x, y: top + 1 + rows), width: area.width, style: theme[.error])
        }
        return cursor
    }

    /// The youth, the service and the reason whole in the reader: the review's head cuts them
    /// to half its width, and a community's representative or a long reason is what the liaison
    /// is there to read. The answers stay as they are behind it.
    private func readWhole(_ ctx: inout ScreenContext) {
        let env = ctx.env
        guard audited, let stored = env.dashboard.referral(referral) else { return }
        let service = env.dashboard.service(stored.service)
        var paragraphs = youthLines(stored, env: env) + [""] + serviceLines(service)
        paragraphs += ["", "Reason (\(stored.priority.rawValue)):", stored.reason, ""]
        paragraphs.append("Consent: \(stored.consent.state.rawValue)" + (stored.consent.by.isEmpty ? "" : " by \(stored.consent.by)"))
        if env.masked, let child = env.dashboard.child(stored.child) {
            paragraphs = paragraphs.map { Masking.redact($0, child: child) }
        }
        ctx.push(ReaderScreen(id: ctx.newID(), document: ReaderDocument(
            title: "Referral under review — " + env.dashboard.nameWithCase(ofChild: stored.child), paragraphs: paragraphs)))
    }

    /// The youth as the liaison needs them: name, case, age, pronouns, every community and its
    /// representative, languages. Masked names mask the communities too.
    func youthLines(_ referral: Referral, env: ScreenEnvironment) -> [String] {
        guard let child = env.dashboard.child(referral.child) else { return ["Youth: no longer on the caseload"] }
        var first = "Youth: \(env.name(of: child))"
        if !env.masked { first += " · \(child.caseNumber)" }
        first += " · \(child.age(on: env.today))\(child.pronouns.isEmpty ? "" : " · \(child.pronouns)")"
        var lines = [first]
        if env.masked {
            lines.append("Identity and communities: (masked; M shows them)")
        } else if child.indigenousIdentity.affiliations.isEmpty {
            lines.append("Indigenous identity: \(child.indigenousIdentity.summary)")
        } else {
            for affiliation in child.indigenousIdentity.affiliations {
                lines.append("\(affiliation.group.rawValue): \(affiliation.community.isEmpty ? "(community not named)" : affiliation.community)")
                if !affiliation.representativeContact.isEmpty { lines.append("  representative: \(affiliation.representativeContact)") }
            }
        }
        lines.append("Languages: \(child.languages.isEmpty ? "not recorded" : child.languages.joined(separator: ", "))")
        return lines
    }

    func serviceLines(_ service: Service?) -> [String] {
        guard let service else { return ["Service: no longer in the catalogue"] }
        var marks: [String] = [service.indigenousLed ? "Indigenous-led" : "not Indigenous-led"]
        if service.culturallySpecific { marks.append("culturally specific") }
        return [
            "Service: \(service.name)",
            "\(service.category.rawValue) · \(service.provider)",
            marks.joined(separator: " · "),
            "Languages: \(service.languages.joined(separator: ", "))",
            "Region: \(service.region)",
        ]
    }
}

/// The review's field ids: an answer and a comment per question, and the general comment.
struct ReviewField: FormFieldID {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    static var allCases: [ReviewField] { [] }

    static func answer(_ index: Int) -> ReviewField { ReviewField(rawValue: "answer-\(index)") }
    static func comment(_ index: Int) -> ReviewField { ReviewField(rawValue: "comment-\(index)") }
    static let general = ReviewField(rawValue: "comment")
}
