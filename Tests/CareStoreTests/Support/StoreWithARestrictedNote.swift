@testable import CareStore
import CareDomain

/// What the key-class attacks start from: a new store with its supervisor signed in, one child,
/// and one restricted note about them (the note police must never open).
struct StoreWithARestrictedNote {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let child: Child
    let restricted: Contact

    init() throws {
        fixture = try StoreFixture()
        supervisor = try fixture.create()
        child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        restricted = try supervisor.performed(.logContact(Samples.contact(child: child.id, author: supervisor.worker.id, visibility: .restricted)))
    }
}
