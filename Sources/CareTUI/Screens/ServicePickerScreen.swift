import CareDomain
import Foundation
import TextUI

/// The services catalogue with a filter as you type (case- and accent-insensitive, over the name,
/// category, provider, languages and region). Opened with `r` to choose the service of a new
/// referral, or with `C` to read the catalogue, where a supervisor edits a service (Enter) or
/// adds one (Ctrl-N).
public struct ServicePickerScreen: ScreenController {
    public enum Purpose: Sendable, Equatable {
        /// Choosing the service of a new referral of this child.
        case refer(ChildID)
        /// Reading (and, for a supervisor, editing) the catalogue.
        case catalogue
    }

    public let id: Int
    public let purpose: Purpose
    public var filter = TextField()
    public var scroll = ListScroll()

    /// Arrows, Enter and Esc first; every other key is typed into the filter.
    public static let keyChain = KeyChain([.picker, .global], unbound: .typed)
    public var keyChain: KeyChain { Self.keyChain }
    /// Its filter is typed.
    public var typingRunsOnAfterClose: Bool { true }
    /// Rows the list showed at the last render.
    var listRows = 10
    /// Moved with the arrows since the last typing: the cursor goes to the selected row (where a
    /// screen reader reads), not the filter.
    var browsing = false

    public init(id: Int, purpose: Purpose) {
        self.id = id
        self.purpose = purpose
    }

    /// The services the filter keeps, in the catalogue's order (by name).
    public func matches(_ services: [Service]) -> [Service] {
        let needle = FoldedText(Sanitizer.clean(filter.value).trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return services }
        return services.filter { service in
            FoldedText(joining: [service.name, service.category.rawValue, service.provider, service.region] + service.languages)
                .contains(needle)
        }
    }

    public func selected(_ services: [Service]) -> Service? {
        let shown = matches(services)
        return shown.indices.contains(scroll.selection) ? shown[scroll.selection] : nil
    }

    // MARK: Keys

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "type", label: "filter"), .command(.moveDown, "move"), .command(.open, "choose"), .command(.newService, "new service"),
         .command(.cancel, "close")]
    }

    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        browsing = false
        guard filter.handle(key) else { return }
        scroll = ListScroll()
        scroll.follow(selection: 0, visibleRows: 1, count: matches(ctx.env.snapshot.services).count)
    }

    /// Why Enter or Ctrl-N does nothing here now; nil when it chooses or edits.
    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        let services = env.snapshot.services
        switch command {
        case .open:
            if services.isEmpty { return "the services catalogue is empty; a supervisor adds services (Ctrl-N here, or care services import)" }
            if selected(services) == nil { return "no service matches the filter" }
            if purpose == .catalogue, !env.role.may(.editCatalogue) {
                return PermissionDenied(permission: .editCatalogue, role: env.role).description
            }
            return nil
        case .newService:
            return env.role.may(.editCatalogue) ? nil : PermissionDenied(permission: .editCatalogue, role: env.role).description
        default:
            return nil
        }
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        let env = ctx.env
        let services = env.snapshot.services
        let count = matches(services).count
        if let move = ListScroll.Move(command) {
            browsing = true
            return scroll.apply(move, visibleRows: listRows, count: count)
        }
        switch command {
        case .cancel: ctx.close()
        case .open, .newService:
            if let reason = disabledReason(command, env) { return ctx.refuse(reason) }
            if command == .newService {
                return ctx.push(FormScreen(id: ctx.newID(), form: ServiceForm(service: nil), context: env.formContext))
            }
            guard let service = selected(services) else { return }
            switch purpose {
            case .refer(let childID):
                guard let child = env.dashboard.child(childID) else {
                    ctx.close()
                    return ctx.say("That child is no longer on the caseload.")
                }
                // The form takes the picker's place: Esc on it goes back to the dashboard.
                ctx.close()
                ctx.push(FormScreen(id: ctx.newID(), form: NewReferralForm(child: child, service: service), context: env.formContext))
            case .catalogue:
                ctx.push(FormScreen(id: ctx.newID(), form: ServiceForm(service: service), context: env.formContext))
            }
        default:
            break
        }
    }

    // MARK: Drawing

    /// Draws the picker over `area`; returns where the cursor goes (in the filter).
    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let services = env.snapshot.services
        let shown = matches(services)
        let width = min(area.width - 2, 110)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        let title: String = switch purpose {
        case .refer(let child): "New referral — \(env.dashboard.nameWithCase(ofChild: child)) — choose a service"
        case .catalogue: "Services catalogue"
        }
        buffer.drawBox(box, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        guard inner.height >= 4 else { return nil }

        let cursor = Overlay.filterLine(filter, prompt: "/ ", in: inner, buffer: &buffer, theme: theme)
        let count = shown.count == services.count ? "\(services.count) services" : "\(shown.count) of \(services.count) services"
        buffer.write("\(count) · type to filter (name, category, provider, language, region)", at: Point(x: inner.x, y: inner.y + 1),
                     width: inner.width, style: theme[.muted])

        let details = detailLines(selected(services), env: env)
        let listHeight = max(1, inner.height - 3 - details.count)
        listRows = listHeight
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: listHeight)
        let empty = services.isEmpty ? "The catalogue is empty." : "No service matches \"\(filter.value)\". Esc closes; Backspace widens."
        PaneList.render(count: shown.count, scroll: scroll, focused: true, empty: empty, area: list, buffer: &buffer, theme: theme) { index, rect, buffer in
            let service = shown[index]
            var marks: [String] = []
            if service.indigenousLed { marks.append("Indigenous-led") }
            if service.culturallySpecific { marks.append("culturally specific") }
            let name = DisplayWidth.pad(DisplayWidth.truncate(service.name, to: 38), to: 38)
            let category = DisplayWidth.pad(DisplayWidth.truncate(service.category.rawValue, to: 35), to: 35)
            let text = " \(name) \(category) \(marks.joined(separator: " · "))"
            buffer.write(text, at: rect.origin, width: rect.width, style: theme[.normal], pad: true)
        }
        var y = list.bottom + 1
        for line in details where y < inner.bottom {
            buffer.write(line, at: Point(x: inner.x + 1, y: y), width: inner.width - 1, style: theme[.muted])
            y += 1
        }
        return browsing ? nil : cursor
    }

    /// The selected service in full, and whether a referral to it would need a review.
    func detailLines(_ service: Service?, env: ScreenEnvironment) -> [String] {
        guard let service else { return [] }
        var lines = [
            "\(service.provider) · \(service.region)",
            "Languages: \(service.languages.joined(separator: ", "))\(service.indigenousLed ? " · Indigenous-led" : "")",
        ]
        if case .refer(let childID) = purpose, let child = env.dashboard.child(childID) {
            let reasons = ReferralWorkflow.reviewReasons(child: child, service: service)
            lines.append(reasons.isEmpty ? "No cultural-safety review required by the rules."
                                         : "A liaison's cultural-safety review is required: \(reasons.joined(separator: "; ")).")
        }
        return lines
    }
}
