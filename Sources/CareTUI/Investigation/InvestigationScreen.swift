import CareDomain
import Foundation
import TextUI

/// The investigation screen (police and supervisors): every person of interest and place of
/// concern, by how many children they link and then the newest link, filtered as you type over
/// aliases, phone numbers (digits only), plates, handles, names and addresses, accent- and
/// case-blind; the pattern warnings and merge proposals above. With `.link(child)` it is the
/// chooser of `L` on a child's links: Enter links the child to the row chosen.
///
/// Nothing is shown until the store has audited the view of every record in it
/// (`Effect.viewInvestigation`).
public struct InvestigationScreen: ScreenController {
    public enum Purpose: Sendable, Equatable {
        case browse
        case link(ChildID)
    }

    public let id: Int
    public let purpose: Purpose
    /// Screens under this one that a go-to-child closes too.
    public let parents: [Int]
    public var filter = TextField()
    public var scroll = ListScroll()
    public private(set) var file: InvestigationFile?
    var failure: String?
    var listRows = 10
    var browsing = false

    public static let keyChain = KeyChain([.investigation, .global], unbound: .typed)
    public var keyChain: KeyChain { Self.keyChain }
    public var typingRunsOnAfterClose: Bool { true }

    public init(id: Int, purpose: Purpose = .browse, parents: [Int] = []) {
        self.id = id
        self.purpose = purpose
        self.parents = parents
    }

    public var entries: [InvestigationFile.Entry] {
        file?.entries(matching: InvestigationSearch(Sanitizer.clean(filter.value))) ?? []
    }

    /// The merge proposed for the person selected: the other person would be merged into them.
    var proposal: MergeProposal? {
        guard case .person(let id)? = selected?.target else { return nil }
        return file?.mergeProposals.first { $0.person == id || $0.other == id }
    }

    var selected: InvestigationFile.Entry? {
        let shown = entries
        return shown.indices.contains(scroll.selection) ? shown[scroll.selection] : nil
    }

    // MARK: Keys

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "type", label: "filter"), .command(.moveDown, "move"),
         .command(.open, purpose == .browse ? "open" : "link"), .command(.newPerson, "new person"), .command(.newPlace, "new place"),
         .command(.mergePersons, "merge"), .command(.cancel, "close")]
    }

    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        switch command {
        case .newPerson, .newPlace:
            return env.role.may(.investigate) ? nil : PermissionDenied(permission: .investigate, role: env.role).description
        case .open:
            if file == nil { return failure ?? "the records are still being read" }
            return selected == nil ? "no person or place matches the filter" : nil
        case .mergePersons:
            if !env.role.may(.investigate) { return PermissionDenied(permission: .investigate, role: env.role).description }
            return proposal == nil ? "no other person shares a phone number or plate with the person selected" : nil
        default:
            return nil
        }
    }

    public mutating func opened(_ ctx: inout ScreenContext) {
        if file == nil { ctx.ask(.viewInvestigation(.list, origin: id)) }
    }

    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        browsing = false
        guard filter.handle(key) else { return }
        scroll = ListScroll()
        scroll.follow(selection: 0, visibleRows: 1, count: entries.count)
    }

    public mutating func paste(_ text: String, _ ctx: inout ScreenContext) {
        browsing = false
        _ = filter.insert(text: Sanitizer.clean(text).replacingOccurrences(of: "\n", with: " "))
        scroll = ListScroll()
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        let env = ctx.env
        if let move = ListScroll.Move(command) {
            browsing = true
            return scroll.apply(move, visibleRows: listRows, count: entries.count)
        }
        if let reason = disabledReason(command, env) { return ctx.refuse(reason) }
        switch command {
        case .cancel:
            ctx.close()
        case .newPerson:
            ctx.push(FormScreen(id: ctx.newID(), form: PersonForm(person: nil), context: env.formContext))
        case .newPlace:
            ctx.push(FormScreen(id: ctx.newID(), form: PlaceForm(place: nil), context: env.formContext))
        case .mergePersons:
            guard let proposal, let file, case .person(let kept)? = selected?.target else { return }
            let merged = proposal.person == kept ? proposal.other : proposal.person
            let question = ctx.newID()
            ctx.push(QuestionScreen(
                id: question, title: "Merge?",
                message: ["Merge \(file.person(merged)?.name ?? "the other person") into \(file.person(kept)?.name ?? "this person")?",
                          "Both keep their history and links; the merge is written to the audit trail and cannot be undone here."],
                yes: .run(.investigation(.mergePersons(kept: kept, merged: merged)), origin: question), yesLabel: "Merge", noLabel: "Not now"))
        case .open:
            guard let entry = selected, let file else { return }
            switch purpose {
            case .browse:
                ctx.push(InvestigationTargetScreen(id: ctx.newID(), subject: .target(entry.target), parents: parents + [id]))
            case .link(let child):
                // The form takes the chooser's place: Esc on it goes back to the child's links.
                ctx.close()
                ctx.push(FormScreen(id: ctx.newID(), form: InvestigationLinkForm(
                    child: child, target: entry.target, targetName: file.name(of: entry.target)), context: env.formContext))
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
            scroll.follow(selection: scroll.selection, visibleRows: listRows, count: entries.count)
        case .failure(let words):
            failure = words.words
            ctx.say(words.words)
        }
    }

    /// A person or place saved (here or in another session of this worker): read again.
    public mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext) {
        if case .investigation = command { ctx.ask(.viewInvestigation(.list, origin: id)) }
    }

    /// Another session saved a person, place, link or lead: read again (audited again).
    public mutating func investigationChanged(_ ctx: inout ScreenContext) {
        if file != nil || failure != nil { ctx.ask(.viewInvestigation(.list, origin: id)) }
    }

    // MARK: Drawing

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let title: String = switch purpose {
        case .browse: "Investigation — persons of interest and places of concern"
        case .link(let child): "Link \(env.dashboard.nameWithCase(ofChild: child)) to a person or place"
        }
        guard let inner = InvestigationPage.frame(title, area: area, minimumRows: 5, buffer: &buffer, theme: theme) else { return nil }
        let cursor = Overlay.filterLine(filter, prompt: "/ ", in: inner, buffer: &buffer, theme: theme)
        guard let file else {
            InvestigationPage.reading(failure, at: Point(x: inner.x, y: inner.y + 2), width: inner.width, buffer: &buffer, theme: theme)
            return cursor
        }
        let shown = entries
        let total = file.entries().count
        buffer.write("\(shown.count == total ? "\(total)" : "\(shown.count) of \(total)") persons and places · type to filter (alias, phone, plate, handle, place)",
                     at: Point(x: inner.x, y: inner.y + 1), width: inner.width, style: theme[.muted])
        var y = inner.y + 2
        let leads = file.newestLeads
        let notices = InvestigationWords.notices(file, env: env)
            + (leads.isEmpty ? [] : ["\(InvestigationWords.count(leads.count, "lead")) from workers, newest first:"])
            + leads.map { InvestigationWords.lead($0, env: env, withChild: true) }
        // Wrapped, not cut: a warning is read whole at 80 columns too.
        let wrapped = notices.flatMap { DisplayWidth.wrap($0, width: inner.width) }
        for notice in wrapped.prefix(max(0, inner.height / 2)) {
            buffer.write(notice, at: Point(x: inner.x, y: y), width: inner.width, style: theme[.alertWarning])
            y += 1
        }
        let empty = total == 0 ? "No person or place yet. Ctrl-N adds a person, Ctrl-T a place."
                               : "Nothing matches \"\(filter.value)\". Backspace widens; Esc closes."
        let nameWidth = max(10, min(28, inner.width / 3))
        let rows = shown.map { entry in
            let children = "\(entry.children.count) \(entry.children.count == 1 ? "child" : "children")"
            let newest = entry.newestLink.map { "last \($0)" } ?? "no link"
            let mark = entry.warning == nil ? "  " : "⚠ "
            return "\(mark)\(DisplayWidth.pad(DisplayWidth.truncate(entry.name, to: nameWidth), to: nameWidth)) "
                + "\(DisplayWidth.pad(children, to: 11)) \(DisplayWidth.pad(newest, to: 16)) \(entry.detail)"
        }
        listRows = InvestigationPage.list(rows, from: y, in: inner, scroll: scroll, empty: empty, buffer: &buffer, theme: theme)
        return browsing ? nil : cursor
    }
}
