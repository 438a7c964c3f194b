import CareDomain
import Foundation
import TextUI

/// One person's or place's screen — who they are, the pattern warning, a picture of the children
/// linked over time and every link (date, source, confidence, the child's risk; Enter goes to the
/// child; the children missing now first) — or one child's "Linked persons and places" (Enter
/// opens the person or place, `L` links another). On either, `c` changes the link selected and
/// `-` removes it with a reason. Police and supervisors only; each record is shown only after
/// the store has audited its view, and it is read again when anyone saves one.
public struct InvestigationTargetScreen: ScreenController {
    public enum Subject: Sendable, Equatable {
        case target(InvestigationTarget)
        case child(ChildID)
    }

    public let id: Int
    public let subject: Subject
    public let parents: [Int]
    public var scroll = ListScroll()
    public private(set) var file: InvestigationFile?
    var failure: String?
    var listRows = 10

    public static let keyChain = KeyChain([.investigationRecord, .list, .global])
    public var keyChain: KeyChain { Self.keyChain }

    public init(id: Int, subject: Subject, parents: [Int] = []) {
        self.id = id
        self.subject = subject
        self.parents = parents
    }

    var view: InvestigationView {
        switch subject {
        case .target(.person(let id)): .person(id)
        case .target(.place(let id)): .place(id)
        case .child(let child): .child(child)
        }
    }

    /// The links listed: the target's (a merged person's included), the children missing now
    /// first and then the newest link first; or the child's, newest first.
    public func links(_ env: ScreenEnvironment) -> [InvestigationLink] {
        guard let file else { return [] }
        switch subject {
        case .target(let target): return file.listedLinks(to: target) { InvestigationWords.isMissing($0, env: env) }
        case .child(let child):
            return file.links.filter { $0.child == child && $0.isActive }
                .sorted { ($0.date, $0.createdAt, $0.id.rawValue) > ($1.date, $1.createdAt, $1.id.rawValue) }
        }
    }

    func selected(_ env: ScreenEnvironment) -> InvestigationLink? {
        let links = links(env)
        return links.indices.contains(scroll.selection) ? links[scroll.selection] : nil
    }

    // MARK: Keys

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        switch subject {
        case .target: [.command(.moveDown, "move"), .command(.open, "go to child"), .command(.editProfile, "edit"),
                       .command(.editLink, "change link"), .command(.removeLink, "remove link"), .command(.cancel, "close")]
        case .child: [.command(.moveDown, "move"), .command(.open, "open"), .command(.linkInvestigation, "link"),
                      .command(.editLink, "change link"), .command(.removeLink, "remove link"), .command(.cancel, "close")]
        }
    }

    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        switch command {
        case .open:
            if file == nil { return failure ?? "the records are still being read" }
            return selected(env) == nil ? "there is no link to open" : nil
        case .editLink, .removeLink:
            if !env.role.may(.investigate) { return PermissionDenied(permission: .investigate, role: env.role).description }
            if file == nil { return failure ?? "the records are still being read" }
            return selected(env) == nil ? "there is no link selected" : nil
        case .linkInvestigation:
            guard case .child = subject else { return "links are made from a child's linked persons and places (L on the record)" }
            return env.role.may(.investigate) ? nil : PermissionDenied(permission: .investigate, role: env.role).description
        case .editProfile:
            guard case .target = subject else { return "open the person or place to edit it" }
            if !env.role.may(.investigate) { return PermissionDenied(permission: .investigate, role: env.role).description }
            return file == nil ? "the record is still being read" : nil
        default:
            return nil
        }
    }

    public mutating func opened(_ ctx: inout ScreenContext) {
        if file == nil { ctx.ask(.viewInvestigation(view, origin: id)) }
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        let env = ctx.env
        if let move = ListScroll.Move(command) { return scroll.apply(move, visibleRows: listRows, count: links(env).count) }
        if command == .cancel { return ctx.close() }
        if let reason = disabledReason(command, env) { return ctx.refuse(reason) }
        switch command {
        case .open:
            guard let link = selected(env) else { return }
            switch subject {
            case .target:
                // To the child's record, closing the investigation screens over the dashboard.
                for parent in parents { ctx.request(.closeScreen(parent)) }
                ctx.close()
                ctx.request(.goToChild(link.child))
            case .child:
                ctx.push(InvestigationTargetScreen(id: ctx.newID(), subject: .target(file?.resolved(link.target) ?? link.target),
                                                   parents: parents + [id]))
            }
        case .editLink, .removeLink:
            guard let link = selected(env), let file else { return }
            let name = file.name(of: file.resolved(link.target))
            let form: any CaseForm = command == .editLink ? InvestigationLinkForm(editing: link, targetName: name)
                                                          : RemoveInvestigationLinkForm(link: link, targetName: name)
            ctx.push(FormScreen(id: ctx.newID(), form: form, context: env.formContext))
        case .linkInvestigation:
            guard case .child(let child) = subject else { return }
            ctx.push(InvestigationScreen(id: ctx.newID(), purpose: .link(child), parents: parents + [id]))
        case .editProfile:
            guard case .target(let target) = subject, let file else { return }
            switch target {
            case .person(let person):
                ctx.push(FormScreen(id: ctx.newID(), form: PersonForm(person: file.person(person)), context: env.formContext))
            case .place(let place):
                ctx.push(FormScreen(id: ctx.newID(), form: PlaceForm(place: file.place(place)), context: env.formContext))
            }
        default:
            break
        }
    }

    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        guard case .investigation(_, let result) = answer else { return }
        switch result {
        case .success(let read):
            file = read
            failure = nil
            scroll.follow(selection: scroll.selection, visibleRows: listRows, count: links(ctx.env).count)
        case .failure(let words):
            failure = words.words
            ctx.say(words.words)
        }
    }

    public mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext) {
        if case .investigation = command { ctx.ask(.viewInvestigation(view, origin: id)) }
    }

    /// Another session saved a person, place, link or lead: read again (audited again).
    public mutating func investigationChanged(_ ctx: inout ScreenContext) {
        if file != nil || failure != nil { ctx.ask(.viewInvestigation(view, origin: id)) }
    }

    // MARK: Drawing

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let title: String = switch subject {
        case .target(let target): file.map { "\(target.kind == .personOfInterest ? "Person of interest" : "Place of concern") — \($0.name(of: target))" }
            ?? (target.kind == .personOfInterest ? "Person of interest" : "Place of concern")
        case .child(let child): "Linked persons and places — \(env.dashboard.nameWithCase(ofChild: child))"
        }
        guard let inner = InvestigationPage.frame(title, area: area, minimumRows: 4, buffer: &buffer, theme: theme) else { return nil }
        guard let file else {
            InvestigationPage.reading(failure, at: inner.origin, width: inner.width, buffer: &buffer, theme: theme)
            return nil
        }
        var y = inner.y
        func line(_ text: String, _ role: ThemeRole = .normal) {
            guard y < inner.bottom - 1 else { return }
            buffer.write(text, at: Point(x: inner.x, y: y), width: inner.width, style: theme[role])
            y += 1
        }
        let shown = links(env)
        switch subject {
        case .target(let target):
            for text in Self.details(of: target, in: file) { line(text) }
            if let warning = file.warning(for: target) { line("⚠ Pattern: \(warning.words)", .alertWarning) }
            let graph = InvestigationGraph.lines(shown, width: inner.width, today: env.today) { child in
                env.dashboard.child(child).map { env.masked ? env.name(of: $0) : $0.caseNumber.description } ?? "not on caseload"
            }
            if !graph.isEmpty, inner.bottom - y > graph.count + 3 {
                line("Children linked over time (● corroborated, ○ reported):", .muted)
                for text in graph { line(text, .muted) }
            }
            line("\(InvestigationWords.count(Set(shown.map(\.child)).count, "child", "children")), \(InvestigationWords.count(shown.count, "link"))"
                + " — Enter goes to the child:", .emphasis)
        case .child:
            let own = Set(shown.map { file.resolved($0.target) })
            for warning in file.warnings where own.contains(warning.target) {
                line("⚠ Pattern: \(file.name(of: warning.target)) \(warning.words)", .alertWarning)
            }
            // Leads are read whole here, wrapped: the list screen gives each one line.
            for lead in file.newestLeads {
                for part in DisplayWidth.wrap(InvestigationWords.lead(lead, env: env, withChild: false), width: inner.width) {
                    line(part, .alertWarning)
                }
            }
            line("\(InvestigationWords.count(shown.count, "link")) — Enter opens the person or place; L links another:", .emphasis)

        }
        let rows = shown.map { link in
            switch subject {
            case .target:
                // Whether the child is missing comes first, so no narrow screen cuts it off.
                " \(InvestigationWords.status(link.child, env: env)) · \(InvestigationWords.child(link.child, env: env)) · \(InvestigationWords.link(link))"
                    + (link.note.isEmpty ? "" : " · \(link.note)")
            case .child:
                " \(file.name(of: file.resolved(link.target))) (\(link.target.kind.words)) · \(InvestigationWords.link(link))"
                    + (link.note.isEmpty ? "" : " · \(link.note)")
            }
        }
        listRows = InvestigationPage.list(rows, from: y, in: inner, scroll: scroll, empty: "No link yet.", buffer: &buffer, theme: theme)
        return nil
    }

    /// Who the person or place is, a line a fact.
    static func details(of target: InvestigationTarget, in file: InvestigationFile) -> [String] {
        switch target {
        case .person(let id):
            guard let person = file.person(id) else { return ["This person is not in the records shown."] }
            var lines = ["Aliases: \(person.aliases.joined(separator: ", "))" + (person.approximateAge.map { " · about \($0)" } ?? "")
                            + " · id \(id.rawValue)"]
            if !person.phones.isEmpty { lines.append("Phones: \(person.phones.joined(separator: ", "))") }
            if !person.handles.isEmpty { lines.append("Handles: \(person.handles.joined(separator: ", "))") }
            if !person.vehicles.isEmpty {
                lines.append("Vehicles: " + person.vehicles.map { "\($0.description)\($0.plate.isEmpty ? "" : " (\($0.plate))")" }.joined(separator: ", "))
            }
            if !person.description.isEmpty { lines.append(person.description.replacingOccurrences(of: "\n", with: " ")) }
            let merged = file.persons.filter { $0.mergedInto == id }
            if !merged.isEmpty { lines.append("Merged into this person: \(merged.map(\.name).joined(separator: ", ")) (their links are listed here)") }
            return lines
        case .place(let id):
            guard let place = file.place(id) else { return ["This place is not in the records shown."] }
            var lines = ["\(place.kind.rawValue) · \(place.name)\(place.address.isEmpty ? "" : " · \(place.address)")"]
            if !place.notes.isEmpty { lines.append(place.notes.replacingOccurrences(of: "\n", with: " ")) }
            return lines
        }
    }
}
