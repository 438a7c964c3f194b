import Foundation

/// The demo unit's investigation records: a few synthetic persons of interest and places of
/// concern, one person linked to four children within 90 days so the pattern warning shows to
/// `demo-police` and `demo-supervisor`, and a second person sharing that person's phone number
/// so a merge is proposed. Names, numbers (555-01xx, reserved for fiction) and plates are
/// obviously invented. Drawn from a random source of its own, so adding it changed nothing
/// else any seed makes.
extension DemoBuilder {
    mutating func makeInvestigation(seed: UInt64) {
        let children = result.children
        guard children.count >= 4, let officer = policeWorkers.first else { return }
        var random = SeededRandom(seed: seed ^ 0x1A7E_5716_A710_0023)
        let created = ago(100 * Self.day)
        let demoK = PersonOfInterest(
            id: random.id(), version: 1, aliases: ["Demo K. (fictional)", "Kay Testalias (demo)"],
            description: "Older male, offers rides and gifts (demo).", approximateAge: 27, phones: ["(555) 010-0142"],
            handles: ["@demo.k.fictional"], vehicles: [Vehicle(description: "silver sedan (demo)", plate: "DEMO 12X")],
            notes: "Named by two youth in the demo unit (fictional).", createdBy: officer.id, createdAt: created)
        let rowan = PersonOfInterest(
            id: random.id(), version: 1, aliases: ["Rowan Sampleperson (demo)"], approximateAge: 31,
            phones: ["555.010.0142", "555-010-0177"], createdBy: officer.id, createdAt: created)
        let inn = PlaceOfConcern(
            id: random.id(), version: 1, kind: .hotelMotel, name: "Sample Inn (fictional motel)", address: "1 Example Road, Testville",
            createdBy: officer.id, createdAt: created)
        let venue = PlaceOfConcern(
            id: random.id(), version: 1, kind: .onlineVenue, name: "Demo chat room (fictional)", address: "demo-chat.example",
            createdBy: officer.id, createdAt: created)
        result.persons = [demoK, rowan]
        result.places = [inn, venue]
        func link(_ child: Child, _ target: InvestigationTarget, daysAgo: Int, _ source: InvestigationLink.Source,
                  _ confidence: InvestigationLink.Confidence, _ note: String) -> InvestigationLink {
            InvestigationLink(id: random.id(), version: 1, child: child.id, target: target, date: day(-daysAgo), source: source,
                              confidence: confidence, note: note, createdBy: officer.id, createdAt: ago(Double(daysAgo) * Self.day))
        }
        result.investigationLinks = [
            link(children[0], .person(demoK.id), daysAgo: 70, .youth, .reported, "Youth named Demo K. as a boyfriend (demo)."),
            link(children[2], .person(demoK.id), daysAgo: 45, .police, .corroborated, "Seen together in the silver sedan (demo)."),
            link(children[4], .person(demoK.id), daysAgo: 20, .placement, .reported, "Picked up near the group home (demo)."),
            link(children[6 % children.count], .person(demoK.id), daysAgo: 3, .worker, .reported, "Gift card and new phone (demo)."),
            link(children[0], .place(inn.id), daysAgo: 68, .police, .corroborated, "Room booked by an adult (demo)."),
            link(children[2], .place(inn.id), daysAgo: 44, .family, .reported, "Mentioned to an aunt (demo)."),
            link(children[1], .place(venue.id), daysAgo: 12, .youth, .reported, "Met an adult here (demo)."),
            link(children[3], .person(rowan.id), daysAgo: 150, .worker, .reported, "Gave the youth a ride (demo)."),
        ]
    }
}
