import Foundation

/// The rules of every `InvestigationCommand`, shared by both stores through `CommandRules`:
/// who may, what must be filled in, and what is written with which audit words. The words
/// never hold an alias, a number or a plate: the trail is sealed under the team key, which
/// every role holds.
public enum InvestigationRules {
    public static func prepare(_ command: InvestigationCommand, in context: some CommandContext, now: Date) throws -> PreparedCommand {
        let actor = context.actor
        func require(_ permission: Permission) throws {
            do { try permission.require(actor.role) } catch { throw CommandError.denied(error) }
        }
        func stored<Record: CareRecord>(_ type: Record.Type, _ id: String) throws -> Record? {
            try context.record(Record.kind, id: id)?.as(Record.self)
        }
        func current<Record: CareRecord>(_ type: Record.Type, _ id: String) throws -> Record {
            guard let found = try stored(type, id) else { throw CommandError.notFound(kind: Record.kind, id: id) }
            return found
        }
        func requireChild(_ id: ChildID) throws {
            _ = try current(Child.self, id.rawValue)
        }
        /// New at version 1, or the version read plus one after checking nobody saved first.
        func write<Record: CareRecord>(_ record: Record, child: ChildID? = nil, _ summary: String) throws -> PreparedCommand {
            var next = record
            let isNew = record.version == 0
            if isNew {
                if let taken = try context.record(Record.kind, id: record.recordID) {
                    // A lead is never handed back to its reporter, who may not read it.
                    if Record.kind == .lead { throw CommandError.invalid(["This lead was already reported."]) }
                    throw RecordConflict(yours: AnyRecord(record), theirs: taken)
                }
                next.version = 1
            } else {
                let old = try current(Record.self, record.recordID)
                if old.version != record.version { throw RecordConflict(yours: AnyRecord(record), theirs: AnyRecord(old)) }
                next.version = old.version + 1
            }
            return PreparedCommand(
                writes: [.init(record: AnyRecord(next), isNew: isNew)], action: isNew ? .create : .update,
                target: RecordRef(next), child: child, summary: summary)
        }

        switch command {
        case .savePerson(let draft):
            try require(.investigate)
            var person = draft
            person.aliases = InvestigationText.items(draft.aliases)
            person.phones = InvestigationText.items(draft.phones)
            person.handles = InvestigationText.items(draft.handles)
            person.vehicles = draft.vehicles.filter { !($0.description + $0.plate).trimmingCharacters(in: .whitespaces).isEmpty }
            person.description = InvestigationText.trimmed(draft.description)
            person.notes = InvestigationText.trimmed(draft.notes)
            var problems: [String] = []
            if person.aliases.isEmpty && person.description.isEmpty { problems.append("Give an alias or a description.") }
            if let age = person.approximateAge, !(10...100).contains(age) { problems.append("An approximate age is between 10 and 100.") }
            for phone in person.phones where PhoneNumber.digits(phone).count < 7 {
                problems.append("A phone number needs at least 7 digits.")
                break
            }
            if !problems.isEmpty { throw CommandError.invalid(problems) }
            if draft.version == 0 {
                person.createdBy = actor.id
                person.createdAt = now
                person.mergedInto = nil
                person.mergedFrom = []
            } else if let old = try stored(PersonOfInterest.self, draft.recordID) {
                // A merge owns these; a form never changes them.
                person.mergedInto = old.mergedInto
                person.mergedFrom = old.mergedFrom
                person.createdBy = old.createdBy
                person.createdAt = old.createdAt
            }
            return try write(person, draft.version == 0 ? "added a person of interest" : "changed a person of interest")

        case .savePlace(let draft):
            try require(.investigate)
            var place = draft
            place.name = InvestigationText.trimmed(draft.name)
            place.address = InvestigationText.trimmed(draft.address)
            place.notes = InvestigationText.trimmed(draft.notes)
            if place.name.isEmpty && place.address.isEmpty { throw CommandError.invalid(["Give the place a name or an address."]) }
            if draft.version == 0 {
                place.createdBy = actor.id
                place.createdAt = now
            } else if let old = try stored(PlaceOfConcern.self, draft.recordID) {
                place.createdBy = old.createdBy
                place.createdAt = old.createdAt
            }
            return try write(place, draft.version == 0 ? "added a place of concern" : "changed a place of concern")

        case .link(let draft):
            try require(.investigate)
            try requireChild(draft.child)
            switch draft.target {
            case .person(let id): _ = try current(PersonOfInterest.self, id.rawValue)
            case .place(let id): _ = try current(PlaceOfConcern.self, id.rawValue)
            }
            guard draft.version == 0 else { throw CommandError.invalid(["A link is made once; change the link itself instead."]) }
            if draft.date > DayDate(now, in: context.unit.timeZone) { throw CommandError.invalid(["A link's date cannot be in the future."]) }
            var link = draft
            link.note = InvestigationText.trimmed(draft.note)
            link.createdBy = actor.id
            link.createdAt = now
            link.removal = nil
            return try write(link, child: link.child, "linked the child to a \(link.target.kind.words)")

        case .editLink(let draft):
            try require(.investigate)
            let stored = try current(InvestigationLink.self, draft.recordID)
            guard stored.isActive else { throw CommandError.invalid(["This link was removed; link the child again instead."]) }
            if draft.date > DayDate(now, in: context.unit.timeZone) { throw CommandError.invalid(["A link's date cannot be in the future."]) }
            // Only what the link says changes: whom it ties, who made it and when stay.
            var link = stored
            link.version = draft.version
            link.date = draft.date
            link.source = draft.source
            link.confidence = draft.confidence
            link.note = InvestigationText.trimmed(draft.note)
            return try write(link, child: link.child, "changed an investigation link")

        case .unlink(let id, let reason):
            try require(.investigate)
            var link = try current(InvestigationLink.self, id.rawValue)
            guard link.isActive else { throw CommandError.invalid(["This link was already removed."]) }
            let why = InvestigationText.trimmed(reason)
            if why.isEmpty { throw CommandError.invalid(["Give the reason for removing the link."]) }
            link.removal = .init(by: actor.id, at: now, reason: why)
            return try write(link, child: link.child, "removed an investigation link")

        case .mergePersons(let keptID, let mergedID):
            try require(.investigate)
            guard keptID != mergedID else { throw CommandError.invalid(["A person cannot be merged into themselves."]) }
            var kept = try current(PersonOfInterest.self, keptID.rawValue)
            var merged = try current(PersonOfInterest.self, mergedID.rawValue)
            guard kept.mergedInto == nil, merged.mergedInto == nil else {
                throw CommandError.invalid(["One of these persons was already merged into another."])
            }
            kept = PersonMerge.merging(merged, into: kept)
            merged.mergedInto = kept.id
            let keptStored = kept.version, mergedStored = merged.version
            kept.version = keptStored + 1
            merged.version = mergedStored + 1
            return PreparedCommand(
                writes: [.init(record: AnyRecord(kept), isNew: false), .init(record: AnyRecord(merged), isNew: false)],
                action: .update, target: RecordRef(kept), child: nil,
                summary: "merged person of interest \(merged.id.rawValue.prefix(8)) into \(kept.id.rawValue.prefix(8)); both histories kept")

        case .reportLead(let draft):
            try require(.reportLead)
            try requireChild(draft.child)
            guard draft.version == 0 else { throw CommandError.invalid(["A lead is reported once."]) }
            var lead = draft
            lead.text = InvestigationText.trimmed(draft.text)
            if lead.text.isEmpty { throw CommandError.invalid(["Say what you heard."]) }
            if lead.text.count > InvestigationText.leadLimit {
                throw CommandError.invalid(["A lead is at most \(InvestigationText.leadLimit) characters; the police will ask for more."])
            }
            lead.reportedBy = actor.id
            lead.reportedAt = now
            return try write(lead, child: lead.child, "reported a lead to the police (\(lead.source.rawValue))")
        }
    }
}

/// Tidying what was typed into an investigation record.
enum InvestigationText {
    static let leadLimit = 2_000

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Non-empty items, trimmed, each once.
    static func items(_ list: [String]) -> [String] {
        var seen: Set<String> = []
        return list.map(trimmed).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
