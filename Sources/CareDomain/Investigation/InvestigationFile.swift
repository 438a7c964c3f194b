import Foundation

/// Investigation records as one view shows them: the persons, places, links and leads it may
/// show, and what is worked out from them (each entry's children, the pattern warnings, the
/// merge proposals). Pure, so both stores scope and audit a view the same way.
public struct InvestigationFile: Sendable, Equatable {
    public var persons: [PersonOfInterest]
    public var places: [PlaceOfConcern]
    /// Active and removed links.
    public var links: [InvestigationLink]
    public var leads: [Lead]

    public init(persons: [PersonOfInterest] = [], places: [PlaceOfConcern] = [], links: [InvestigationLink] = [], leads: [Lead] = []) {
        self.persons = persons
        self.places = places
        self.links = links
        self.leads = leads
    }

    // MARK: Scoping a view

    /// What `view` shows of the whole file.
    public func scoped(to view: InvestigationView) -> InvestigationFile {
        switch view {
        case .list:
            return InvestigationFile(persons: persons, places: places, links: links, leads: leads)
        case .person(let id):
            let kept = persons.filter { $0.id == id || $0.mergedInto == id }
            let targets = Set(kept.map { InvestigationTarget.person($0.id) })
            return InvestigationFile(persons: kept, links: links.filter { targets.contains($0.target) })
        case .place(let id):
            return InvestigationFile(places: places.filter { $0.id == id }, links: links.filter { $0.target == .place(id) })
        case .child(let child):
            let own = links.filter { $0.child == child }
            let targets = Set(own.map(\.target).map(resolved))
            let shownLinks = links.filter { targets.contains(resolved($0.target)) }
            return InvestigationFile(
                persons: persons.filter { targets.contains(resolved(.person($0.id))) },
                places: places.filter { targets.contains(.place($0.id)) }, links: shownLinks, leads: leads.filter { $0.child == child })
        case .leads:
            return InvestigationFile(leads: leads)
        case .warnings:
            let targets = Set(warnings.map(\.target))
            return InvestigationFile(
                persons: persons.filter { targets.contains(resolved(.person($0.id))) }, places: places.filter { targets.contains(.place($0.id)) },
                links: links.filter { $0.isActive && targets.contains(resolved($0.target)) })
        }
    }

    /// One `view` (or `export`) audit event per record shown: kind, id and the child it is about.
    public var auditedRecords: [(kind: RecordKind, id: String, child: ChildID?)] {
        persons.map { (.personOfInterest, $0.id.rawValue, nil) }
            + places.map { (.placeOfConcern, $0.id.rawValue, nil) }
            + links.map { (.investigationLink, $0.id.rawValue, $0.child) }
            + leads.map { (.lead, $0.id.rawValue, $0.child) }
    }

    // MARK: What is worked out

    /// A person merged away stands for the person kept (following the chain).
    public func resolved(_ target: InvestigationTarget) -> InvestigationTarget {
        guard case .person(var id) = target else { return target }
        var seen: Set<PersonID> = [id]
        while let next = persons.first(where: { $0.id == id })?.mergedInto, seen.insert(next).inserted { id = next }
        return .person(id)
    }

    public func person(_ id: PersonID) -> PersonOfInterest? { persons.first { $0.id == id } }

    /// The leads, newest first.
    public var newestLeads: [Lead] { leads.sorted { ($0.reportedAt, $0.id.rawValue) > ($1.reportedAt, $1.id.rawValue) } }
    public func place(_ id: PlaceID) -> PlaceOfConcern? { places.first { $0.id == id } }

    /// The active links of `target`, the links of persons merged into it included, newest first.
    public func activeLinks(to target: InvestigationTarget) -> [InvestigationLink] {
        links.filter { $0.isActive && resolved($0.target) == target }
            .sorted { ($0.date, $0.createdAt, $0.id.rawValue) > ($1.date, $1.createdAt, $1.id.rawValue) }
    }

    /// The active links of `target` as its screen lists them: the children missing now first,
    /// so a missing child is never below the fold, then the newest link first.
    public func listedLinks(to target: InvestigationTarget, isMissing: (ChildID) -> Bool) -> [InvestigationLink] {
        let links = activeLinks(to: target)
        return links.filter { isMissing($0.child) } + links.filter { !isMissing($0.child) }
    }

    /// Pattern warnings, a merged person's links counted with the person kept.
    public var warnings: [PatternRule.Warning] {
        PatternRule.warnings(links.map { link in
            var copy = link
            copy.target = resolved(link.target)
            return copy
        })
    }

    public func warning(for target: InvestigationTarget) -> PatternRule.Warning? {
        warnings.first { $0.target == target }
    }

    public var mergeProposals: [MergeProposal] { MergeProposal.all(persons.filter { $0.mergedInto == nil }) }

    /// One row of the investigation screen: a person or a place with its children.
    public struct Entry: Sendable, Equatable {
        public var target: InvestigationTarget
        public var name: String
        /// "person · 555-0100 · plate DEMO123" or "hotel/motel · 1 Example Road".
        public var detail: String
        public var children: [ChildID]
        public var newestLink: DayDate?
        public var warning: PatternRule.Warning?
    }

    /// Persons (not merged away) and places, by how many children they link (most first), then
    /// the newest link first, then name; filtered by `search`.
    public func entries(matching search: InvestigationSearch = InvestigationSearch("")) -> [Entry] {
        let warnings = Dictionary(self.warnings.map { ($0.target, $0) }, uniquingKeysWith: { first, _ in first })
        func entry(_ target: InvestigationTarget, _ name: String, _ detail: String) -> Entry {
            let active = activeLinks(to: target)
            var children: [ChildID] = []
            for link in active where !children.contains(link.child) { children.append(link.child) }
            return Entry(target: target, name: name, detail: detail, children: children, newestLink: active.first?.date,
                         warning: warnings[target])
        }
        let people = persons.filter { $0.mergedInto == nil }
            .filter { person in search.matches(person) || persons.contains { $0.mergedInto == person.id && search.matches($0) } }
            .map { person in
                entry(.person(person.id), person.name,
                      (["person"] + person.phones.prefix(1) + person.plates.prefix(1).map { "plate " + $0 } + person.handles.prefix(1))
                        .joined(separator: " · "))
            }
        let spots = places.filter(search.matches).map { place in
            entry(.place(place.id), place.name.isEmpty ? place.address : place.name,
                  ([place.kind.rawValue] + (place.address.isEmpty || place.name.isEmpty ? [] : [place.address])).joined(separator: " · "))
        }
        return (people + spots).sorted { a, b in
            if a.children.count != b.children.count { return a.children.count > b.children.count }
            if a.newestLink != b.newestLink { return (a.newestLink ?? DayDate(year: 1, month: 1, day: 1)) > (b.newestLink ?? DayDate(year: 1, month: 1, day: 1)) }
            return (TextFold.fold(a.name), a.target.id) < (TextFold.fold(b.name), b.target.id)
        }
    }

    /// The name a target goes by in this file.
    public func name(of target: InvestigationTarget) -> String {
        switch target {
        case .person(let id): person(id)?.name ?? "person not shown"
        case .place(let id): place(id).map { $0.name.isEmpty ? $0.address : $0.name } ?? "place not shown"
        }
    }
}
